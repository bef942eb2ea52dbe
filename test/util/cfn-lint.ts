import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
/** Pinned in .ci/requirements.txt; installed by test/global-setup.ts. */
export const CFN_LINT = path.join(ROOT, '.venv', 'bin', 'cfn-lint');
/** The registry schemas shipped in the npm package (cfn-schemas/), for types cfn-lint does not know yet. */
export const REGISTRY_SCHEMAS = path.join(ROOT, 'cfn-schemas');

export interface LintFinding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path: Array<string | number> };
}

/**
 * Runs the real cfn-lint over templates, with the registry schemas of types that cfn-lint
 * does not know yet. Returns every finding (errors, warnings and informational).
 */
export function cfnLint(templates: Record<string, unknown>): LintFinding[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  const files = Object.entries(templates).map(([name, template]) => {
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.json`);
    fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
    return file;
  });
  if (files.length === 0) return [];
  try {
    execFileSync(CFN_LINT, [
      '--format', 'json',
      '--registry-schemas', REGISTRY_SCHEMAS,
      '--', ...files,
    ], { encoding: 'utf8' });
    return [];
  } catch (error: any) {
    if (error.stdout === undefined || error.stdout === '') throw error;
    return JSON.parse(error.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

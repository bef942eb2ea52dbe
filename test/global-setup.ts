import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Installs the pinned Python tools (cfn-lint, checkov) into .venv when one is missing, so `npm test` works on a fresh clone. */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..');
  const venv = path.join(root, '.venv');
  if (['cfn-lint', 'checkov'].every(tool => fs.existsSync(path.join(venv, 'bin', tool)))) return;
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '-r', path.join(root, '.ci', 'requirements.txt')], { stdio: 'inherit' });
}

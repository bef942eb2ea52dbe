import * as fs from 'fs';
import * as path from 'path';
import { writeSection } from './results-file';

/**
 * Mutation score per file from StrykerJS's JSON report (`npx projen mutation` writes
 * reports/mutation/mutation.json), as a markdown table: all mutants, and again without the
 * mutants that only change the text of a log line or an error message. Prints it and writes it
 * to its section of benchmarks/results.md.
 *
 *   npx ts-node --project test/tsconfig.json benchmarks/mutation-score.ts [report.json]
 */

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: Mutant[] }>;
}

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
}

/** Words that mark a source line as building a message: an error, a log line, a reason or a hint. */
const MESSAGE_MARKERS = ['Error(', 'new SdkCallError', 'console.log', 'Reason', 'subject', 'hint'];

const FUNCTION_START = /^\s*(export\s+)?(async\s+)?function\s+\w+|^\s*(public\s+|private\s+)?constructor\s*\(/;

/**
 * A heuristic: a string or template literal mutant on a line that builds a message, or inside a
 * function whose name says it builds one (such as `hint`). Such a mutant changes what a person
 * reads, not what the handler does.
 */
function isMessageOnly(mutant: Mutant, lines: string[]): boolean {
  const replacement = (mutant.replacement ?? '').trim();
  const literal = mutant.mutatorName === 'StringLiteral' || /^(['"`]).*\1$/s.test(replacement);
  if (!literal) return false;
  const index = mutant.location.start.line - 1;
  // The mutant's line and the lines of the statement it continues (up to the previous `;`, `{` or `}`).
  const context = [lines[index] ?? ''];
  for (let i = index - 1; i >= 0 && !/[;{}]\s*$/.test(lines[i]); i--) context.push(lines[i]);
  // The declaration of the function the mutant is in.
  for (let i = index; i >= 0; i--) {
    if (FUNCTION_START.test(lines[i])) {
      context.push(lines[i]);
      break;
    }
  }
  return context.some(line => MESSAGE_MARKERS.some(marker => line.includes(marker)));
}

function add(tally: Tally, status: string): void {
  switch (status) {
    case 'Killed': tally.killed++; break;
    case 'Timeout': tally.timeout++; break;
    case 'Survived': tally.survived++; break;
    case 'NoCoverage': tally.noCoverage++; break;
    default: break; // Ignored, CompileError, RuntimeError and Pending do not count.
  }
}

function score(tally: Tally): string {
  const detected = tally.killed + tally.timeout;
  const total = detected + tally.survived + tally.noCoverage;
  return total === 0 ? 'n/a' : `${(100 * detected / total).toFixed(1)}% (${detected}/${total})`;
}

const empty = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });

const lines: string[] = [];
const out = (line = '') => { lines.push(line); console.log(line); };

const reportPath = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'reports', 'mutation', 'mutation.json'));
if (!fs.existsSync(reportPath)) {
  console.error(`No mutation report at ${reportPath}; run \`npx projen mutation\` first.`);
  process.exit(1);
}
const report: Report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));

const rows: string[] = [];
const totalAll = empty();
const totalBehaviour = empty();
const survivors: string[] = [];
let totalMessageOnly = 0;
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const lines = source.split('\n');
  const all = empty();
  const behaviour = empty();
  let messageOnly = 0;
  for (const mutant of mutants) {
    add(all, mutant.status);
    add(totalAll, mutant.status);
    if (isMessageOnly(mutant, lines)) {
      messageOnly++;
      totalMessageOnly++;
      continue;
    }
    add(behaviour, mutant.status);
    add(totalBehaviour, mutant.status);
    if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
      const { line, column } = mutant.location.start;
      survivors.push(`| ${path.basename(file)}:${line}:${column} | ${mutant.status} | ${mutant.mutatorName} | \`${(mutant.replacement ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 80)}\` |`);
    }
  }
  rows.push(`| ${file} | ${all.killed} | ${all.timeout} | ${all.survived} | ${all.noCoverage} | ${score(all)} | ${messageOnly} | ${score(behaviour)} |`);
}

out('## Mutation score of the handler (`npx projen mutation`)');
out();
out(`StrykerJS over src/private/handler with the handler's unit tests; ${new Date().toISOString().slice(0, 10)}. "Message-only" mutants change only`);
out('the text of an error or log message (a string or template literal in a line that builds one).');
out();
out('| File | Killed | Timeout | Survived | No coverage | Score | Message-only | Score without message-only |');
out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) out(row);
out(`| **Total** | ${totalAll.killed} | ${totalAll.timeout} | ${totalAll.survived} | ${totalAll.noCoverage} | **${score(totalAll)}** | ${totalMessageOnly} | **${score(totalBehaviour)}** |`);
out();
out(`Mutation score: ${score(totalAll)}; without message-only mutants: ${score(totalBehaviour)}.`);
if (survivors.length > 0) {
  out();
  out('Surviving mutants that change behaviour:');
  out();
  out('| Where | Status | Mutator | Replacement |');
  out('| --- | --- | --- | --- |');
  for (const survivor of survivors) out(survivor);
}

writeSection('mutation', lines);

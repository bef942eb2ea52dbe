import * as fs from 'fs';
import * as path from 'path';

/** benchmarks/results.md, which several scripts write: each owns one section of it. */
export const RESULTS = path.join(__dirname, 'results.md');

/**
 * Replaces the section `name` of results.md with `lines` (or appends it), leaving the other
 * sections as they are. A section runs from `<!-- section:name -->` to `<!-- end:name -->`.
 */
export function writeSection(name: string, lines: string[]): void {
  const begin = `<!-- section:${name} -->`;
  const end = `<!-- end:${name} -->`;
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const section = [begin, ...lines, end].join('\n');
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  const next = start >= 0 && stop > start
    ? text.slice(0, start) + section + text.slice(stop + end.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(RESULTS, next);
}

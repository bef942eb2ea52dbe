import * as fs from 'fs';
import * as path from 'path';

/** The project's tasks, as projen writes them from .projenrc.ts. */
const tasks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.projen', 'tasks.json'), 'utf8')).tasks;

describe('lint', () => {
  test('the test task lints and fails on a finding, without editing files', () => {
    expect(tasks.test.steps).toContainEqual({ spawn: 'eslint' });
    const eslint = tasks.eslint.steps.flatMap((step: any) => step.execArgs ?? [step.exec]);
    expect(eslint[0]).toBe('eslint');
    expect(eslint).not.toContain('--fix');
  });

  test('fixing is a task of its own', () => {
    expect(tasks['eslint:fix'].steps).toEqual([{ exec: expect.stringMatching(/^eslint .*--fix /) }]);
  });
});

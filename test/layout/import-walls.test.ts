import * as fs from 'fs';
import * as path from 'path';
import { loadESLint } from 'eslint';

/**
 * The layout rules of .projenrc.ts (eslint import/no-restricted-paths and the contracts'
 * no-restricted-imports), proven live: each probe is a file that breaks one wall, linted with
 * the project's own configuration, and must be reported. The real tree passing is `npx projen
 * eslint`'s job; this shows that passing means something.
 */
const SRC = path.join(__dirname, '..', '..', 'src');

const probes: Array<[string, string, string, RegExp]> = [
  ['identity-center imports a service', 'identity-center/probe-layout.ts', "export { AthenaIdentityCenterWorkGroup } from '../athena';", /restricted zone/],
  ['a service imports the use case', 'athena/probe-layout.ts', "export { TipUseCase } from '../use-case';", /restricted zone/],
  ['a service imports the doctor', 'athena/probe-layout.ts', "export { TipChecks } from '../doctor';", /restricted zone/],
  ['the doctor imports the use case', 'doctor/probe-layout.ts', "export { TipUseCase } from '../use-case';", /restricted zone/],
  ['a service imports the root barrel', 'athena/probe-layout.ts', "export { TipUseCase } from '..';", /restricted zone/],
  ['the trust chain imports a service', 'trust-chain/probe-layout.ts', "export { LAKE_FORMATION } from '../lake-formation/use-case-answer';", /restricted zone/],
  ['the use case composition names a service', 'use-case/probe-layout.ts', "export { AthenaQueryService } from '../athena/use-case-answer';",
    /only use-case\/answers.ts lists the services/],
  ['a folder uses another folder\'s private helpers', 'athena/probe-layout.ts', "export { validateIdcDisplayName } from '../redshift/private/validation';",
    /redshift\/private is for redshift only/],
  ['shared private code imports a construct', 'private/probe-layout.ts', "export { TipUseCase } from '../use-case';", /restricted zone/],
  ['a construct imports handler code', 'athena/probe-layout.ts', "export { onAthenaWorkGroupEvent } from '../private/handler/athena-workgroup';",
    /constructs import the contracts/],
  ['the handler imports a construct helper', 'private/handler/probe-layout.ts', "export { TipProvider } from '../provider';", /restricted zone/],
  ['a contract imports shared code', 'private/contracts/probe-layout.ts', "export { invalid } from '../validation';", /restricted zone/],
  ['a contract imports the CDK', 'private/contracts/probe-layout.ts', "export { Lazy } from 'aws-cdk-lib';", /restricted from being used/],
];

describe('the import walls of src/', () => {
  test.each(probes)('%s is reported', async (_name, file, code, message) => {
    const ESLint = await loadESLint({ useFlatConfig: false });
    const eslint = new ESLint({ cwd: path.join(__dirname, '..', '..') });
    const probe = path.join(SRC, file);
    fs.writeFileSync(probe, `${code}\n`);
    try {
      const [result] = await eslint.lintFiles([probe]);
      const errors = result.messages.filter(m => m.severity === 2).map(m => m.message);
      expect(errors.some(m => message.test(m))).toBe(true);
    } finally {
      fs.rmSync(probe, { force: true });
    }
  });

  test('the handler may import the contracts, and constructs may too', async () => {
    const ESLint = await loadESLint({ useFlatConfig: false });
    const eslint = new ESLint({ cwd: path.join(__dirname, '..', '..') });
    const results = await eslint.lintFiles([path.join(SRC, 'private', 'handler', 'index.lambda.ts'), path.join(SRC, 'athena', 'identity-center-workgroup.ts')]);
    expect(results.flatMap(r => r.messages.filter(m => m.ruleId === 'import/no-restricted-paths'))).toEqual([]);
  });
});

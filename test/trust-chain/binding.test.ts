import { Lazy } from 'aws-cdk-lib';
import { IdentityCenterInstance } from '../../src';
import {
  authorizationServices,
  BindContext,
  diagramText,
  PartKey,
  usesLakeFormation,
  usesS3AccessGrants,
} from '../../src/trust-chain/binding';
import { DataAuthorizationKind, QueryServiceKind } from '../../src/trust-chain/kinds';
import { INSTANCE_ARN } from '../util/fixtures';
import { testStack } from '../util/synth';

describe('BindContext', () => {
  const context = () => {
    const stack = testStack();
    return new BindContext(stack, IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      [QueryServiceKind.ATHENA], DataAuthorizationKind.LAKE_FORMATION);
  };

  test('hands a part to the answers that bind after the one that provided it', () => {
    const bound = context();
    const key = new PartKey<{ name: string }>('a thing');
    const part = { name: 'made first' };
    bound.provide(key, part);
    expect(bound.require(key, 'the consumer')).toBe(part);
  });

  test('names the consumer and the missing part, at the use case', () => {
    expect(() => context().require(new PartKey<string>('an S3 Access Grants instance'), 'an Athena workgroup'))
      .toThrow('TestStack: an Athena workgroup needs an S3 Access Grants instance, which the authorization does not provide');
  });

  test('keys are told apart by identity, not description', () => {
    const bound = context();
    bound.provide(new PartKey<number>('a number'), 1);
    expect(() => bound.require(new PartKey<number>('a number'), 'x')).toThrow('x needs a number');
  });
});

describe('authorization services', () => {
  test.each([
    [DataAuthorizationKind.REDSHIFT_ROLES, ['redshift'], false, false],
    [DataAuthorizationKind.LAKE_FORMATION, ['lakeformation'], true, false],
    [DataAuthorizationKind.S3_ACCESS_GRANTS, ['s3accessgrants'], false, true],
    [DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS, ['lakeformation', 's3accessgrants'], true, true],
  ])('%s', (kind, services, lakeFormation, accessGrants) => {
    expect(authorizationServices(kind)).toEqual(services);
    expect(usesLakeFormation(kind)).toBe(lakeFormation);
    expect(usesS3AccessGrants(kind)).toBe(accessGrants);
  });
});

describe('diagramText', () => {
  test('keeps literal values and swaps double quotes, which would end a Mermaid label', () => {
    expect(diagramText('Athena workgroup "a"')).toBe("Athena workgroup 'a'");
  });

  test('says a deploy-time value is one', () => {
    expect(diagramText(Lazy.string({ produce: () => 'x' }))).toBe('(set at deploy time)');
  });
});

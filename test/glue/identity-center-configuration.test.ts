import { CfnElement } from 'aws-cdk-lib';
import { AccessScope, GlueIdentityCenterConfiguration } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

describe('GlueIdentityCenterConfiguration', () => {
  test('connects Glue to the instance with every scope Glue supports by default, and exposes its application', () => {
    const { stack, instance } = stackWithInstance();
    const glue = new GlueIdentityCenterConfiguration(stack, 'Glue', { instance });
    const template = synth(stack);
    template.hasResourceProperties('AWS::Glue::IdentityCenterConfiguration', {
      InstanceArn: INSTANCE_ARN,
      Scopes: ['s3:access_grants:read_write', 'redshift:connect', 'lakeformation:query'],
      UserBackgroundSessionsEnabled: false,
    });
    expect(stack.resolve(glue.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(glue.node.defaultChild as CfnElement), 'ApplicationArn'] });
  });

  test('the scopes and user background sessions given', () => {
    const { stack, instance } = stackWithInstance();
    new GlueIdentityCenterConfiguration(stack, 'Glue', { instance, scopes: [AccessScope.LAKE_FORMATION_QUERY], userBackgroundSessions: true });
    synth(stack).hasResourceProperties('AWS::Glue::IdentityCenterConfiguration', { Scopes: ['lakeformation:query'], UserBackgroundSessionsEnabled: true });
  });

  test('imports an account\'s configuration by its application', () => {
    const { stack } = stackWithInstance();
    const arn = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0123456789abcdef';
    expect(GlueIdentityCenterConfiguration.fromApplicationArn(stack, 'Existing', arn).identityCenterApplication.applicationArn).toBe(arn);
    expect(() => GlueIdentityCenterConfiguration.fromApplicationArn(stack, 'Bad', 'arn:aws:glue:us-east-1:111122223333:catalog')).toThrow(/TestStack\/Bad: applicationArn/);
  });

  describe('rejects', () => {
    test('a second configuration in the stack: Glue allows one per account and region', () => {
      const { stack, instance } = stackWithInstance();
      new GlueIdentityCenterConfiguration(stack, 'Glue', { instance });
      expect(() => new GlueIdentityCenterConfiguration(stack, 'Again', { instance })).toThrow(
        'TestStack/Again: this stack already has a GlueIdentityCenterConfiguration (TestStack/Glue): Glue allows one per account and region; '
        + 'import the existing one with GlueIdentityCenterConfiguration.fromApplicationArn');
    });

    test('scopes Glue does not support, or none', () => {
      const { stack, instance } = stackWithInstance();
      expect(() => new GlueIdentityCenterConfiguration(stack, 'Glue', { instance, scopes: [AccessScope.ATHENA_WORKGROUP_READ_WRITE] })).toThrow(
        'TestStack/Glue: scopes may hold only s3:access_grants:read_write, redshift:connect, lakeformation:query, the scopes Glue supports (got athena:workgroup:read_write)');
      expect(() => new GlueIdentityCenterConfiguration(stack, 'None', { instance, scopes: [] })).toThrow('TestStack/None: scopes must have 1 to 3 entries, but has 0');
      expect(() => new GlueIdentityCenterConfiguration(stack, 'Twice', { instance, scopes: [AccessScope.LAKE_FORMATION_QUERY, AccessScope.LAKE_FORMATION_QUERY] }))
        .toThrow('TestStack/Twice: scopes must not repeat a scope (got lakeformation:query more than once)');
    });
  });
});

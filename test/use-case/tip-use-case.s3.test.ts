import { Match } from 'aws-cdk-lib/assertions';
import { ClientApplicationKind, DataAuthorizationKind, QueryServiceKind } from '../../src';
import { GROUP_ID, USER_ID } from '../util/fixtures';
import { synth, testStack } from '../util/synth';
import { build } from '../util/use-case';

const S3AG = DataAuthorizationKind.S3_ACCESS_GRANTS;

describe('Transfer Family web app → S3 → S3 Access Grants', () => {
  test('the use case makes the web app on its S3 Access Grants instance, registers the location, and allowGroup/allowUser assign and grant', () => {
    const stack = testStack();
    const useCase = build(stack, { client: ClientApplicationKind.TRANSFER_WEB_APP, query: QueryServiceKind.S3, authorization: S3AG });
    useCase.allowGroup(GROUP_ID);
    useCase.allowUser(USER_ID);
    const template = synth(stack);
    template.resourceCountIs('AWS::Transfer::WebApp', 1);
    template.resourceCountIs('AWS::S3::AccessGrantsInstance', 1);
    template.hasResourceProperties('AWS::S3::AccessGrantsLocation', {
      LocationScope: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Shared') }, '/shared/']] },
    });
    for (const [GranteeType, GranteeIdentifier] of [['DIRECTORY_GROUP', GROUP_ID], ['DIRECTORY_USER', USER_ID]]) {
      template.hasResourceProperties('AWS::S3::AccessGrant', { Grantee: { GranteeType, GranteeIdentifier }, Permission: 'READWRITE' });
    }
    template.resourceCountIs('AWS::SSO::ApplicationAssignment', 2);
    expect(useCase.application).toBeDefined();
    expect(useCase.toMermaid()).toContain('  client -->|"identity bearer role, as the user"| s3[("S3 shared/")]');
  });
});

describe('Custom application → S3 → S3 Access Grants', () => {
  test('the query role may get data access from the instance; the token carries the S3 Access Grants scope', () => {
    const stack = testStack();
    build(stack, { client: ClientApplicationKind.CUSTOM_APPLICATION, query: QueryServiceKind.S3, authorization: S3AG });
    const template = synth(stack);
    template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', { AccessScopes: [{ Scope: 's3:access_grants:read_write' }] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^UseCaseQueryRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['s3:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix'] })] },
    });
  });
});

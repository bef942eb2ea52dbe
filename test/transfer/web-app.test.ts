import { Match } from 'aws-cdk-lib/assertions';
import { S3AccessGrantsIdentityCenter, TransferWebAppIdentityCenter } from '../../src';
import { GROUP_ID, INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

function setup(props: Partial<ConstructorParameters<typeof TransferWebAppIdentityCenter>[2]> = {}) {
  const { stack, instance } = stackWithInstance();
  const accessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
  const webApp = new TransferWebAppIdentityCenter(stack, 'WebApp', { instance, accessGrants, ...props });
  return { stack, webApp };
}

describe('TransferWebAppIdentityCenter', () => {
  test('a web app on the instance with its identity bearer role, after the role\'s permissions', () => {
    const { stack } = setup({ webAppUnits: 2 });
    const template = synth(stack);
    template.hasResource('AWS::Transfer::WebApp', {
      Properties: {
        IdentityProviderDetails: { InstanceArn: INSTANCE_ARN, Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAppIdentityBearerRole'), 'Arn'] } },
        WebAppUnits: { Provisioned: 2 },
      },
      DependsOn: [Match.stringLikeRegexp('^WebAppIdentityBearerRoleDefaultPolicy')],
    });
  });

  test('the identity bearer role trusts Transfer Family of this account with sts:SetContext and reaches S3 Access Grants', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { Service: 'transfer.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WebAppIdentityBearerRole') }],
      PolicyDocument: {
        Statement: [
          { Action: ['s3:GetDataAccess', 's3:ListCallerAccessGrants'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessGrants'), 'AccessGrantsInstanceArn'] } },
          { Action: 's3:ListAccessGrantsInstances', Effect: 'Allow', Resource: '*' },
        ],
      },
    });
  });

  test('assignments go to the web app\'s Identity Center application', () => {
    const { stack, webApp } = setup();
    webApp.assignGroup(GROUP_ID);
    synth(stack).hasResourceProperties('AWS::SSO::ApplicationAssignment', {
      ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebApp'), 'IdentityProviderDetails.ApplicationArn'] },
      PrincipalType: 'GROUP',
      PrincipalId: GROUP_ID,
    });
  });

  describe('rejects', () => {
    test('no S3 Access Grants, saying why', () => {
      const { stack, instance } = stackWithInstance();
      expect(() => new TransferWebAppIdentityCenter(stack, 'WebApp', { instance, accessGrants: undefined as any })).toThrow(
        /^TestStack\/WebApp: accessGrants is required: Transfer Family web apps reach S3 only through S3 Access Grants/);
    });

    test('web app units that are not a whole number of at least 1, and an endpoint that is not https', () => {
      expect(() => setup({ webAppUnits: 0 })).toThrow('TestStack/WebApp: webAppUnits must be a whole number of at least 1 (got 0)');
      expect(() => setup({ accessEndpoint: 'http://files.example.com' })).toThrow(/TestStack\/WebApp: accessEndpoint must start with https:\/\//);
    });
  });
});

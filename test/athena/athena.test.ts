import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AthenaIdentityCenterWorkGroup,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  S3AccessGrantsIdentityCenter,
} from '../../src';
import { synth, testStack } from '../util/synth';

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111222233334444';

function setup(): { stack: Stack; instance: IIdentityCenterInstance; bucket: s3.Bucket } {
  const stack = testStack();
  return {
    stack,
    instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
    bucket: new s3.Bucket(stack, 'Results', { enforceSSL: true }),
  };
}

describe('AthenaIdentityCenterWorkGroup', () => {
  test('creates the workgroup after the Lake Formation and S3 Access Grants setup it finds in the stack', () => {
    const { stack, instance, bucket } = setup();
    // Defined before its prerequisites on purpose: they are found once the tree is complete.
    const workGroup = new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName: 'analysts', resultsBucket: bucket, resultsPrefix: 'results/' });
    new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
    new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });

    const template = synth(stack);
    template.hasResource('Custom::AthenaIdentityCenterWorkGroup', {
      Properties: {
        WorkGroupName: 'analysts',
        InstanceArn: INSTANCE_ARN,
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Results') }, '/results/']] },
        CreateUserLevelPrefix: true,
        EngineVersion: 'AUTO',
        ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkGroupExecutionRole'), 'Arn'] },
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^AccessGrants'), Match.stringLikeRegexp('^LakeFormation')]),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: ['sts:AssumeRole', 'sts:SetContext'], Effect: 'Allow', Principal: { Service: 'athena.amazonaws.com' } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('TrustedIdentityPropagationProviderHandlerServiceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: [
              'athena:CreateWorkGroup',
              'athena:UpdateWorkGroup',
              'athena:GetWorkGroup',
              'athena:DeleteWorkGroup',
              'athena:TagResource',
              'athena:ListTagsForResource',
            ],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':athena:us-east-1:111122223333:workgroup/analysts']] },
          },
          { Action: 'iam:PassRole', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkGroupExecutionRole'), 'Arn'] } },
        ]),
      },
    });
    expect(workGroup.workGroupName).toBe('analysts');
    expect(stack.resolve(workGroup.identityCenterApplicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WorkGroup/), 'IdentityCenterApplicationArn'] });
  });

  test('takes its prerequisites from props, and a default name that follows the instance', () => {
    const { stack, instance, bucket } = setup();
    const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
    const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
    const other = IdentityCenterInstance.fromInstanceArn(stack, 'Other', 'arn:aws:sso:::instance/ssoins-5555666677778888');

    const a = new AthenaIdentityCenterWorkGroup(stack, 'A', { instance, resultsBucket: bucket, lakeFormation, s3AccessGrants, createUserLevelPrefix: false, engineVersion: 'Athena engine version 3' });
    const b = new AthenaIdentityCenterWorkGroup(stack, 'B', { instance: other, resultsBucket: bucket, lakeFormation, s3AccessGrants });

    expect(a.workGroupName).toMatch(/^TestStackA[0-9A-F]{8}-[0-9a-f]{8}$/);
    expect(a.workGroupName.slice(-8)).not.toBe(b.workGroupName.slice(-8));
    synth(stack).hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', {
      WorkGroupName: a.workGroupName,
      CreateUserLevelPrefix: false,
      EngineVersion: 'Athena engine version 3',
      OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Results') }]] },
    });
  });

  describe('rejects', () => {
    test.each([
      ['Lake Formation', () => undefined, (stack: Stack, instance: IIdentityCenterInstance) => new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance }),
        'TestStack/WorkGroup: an Identity Center enabled Athena workgroup needs a LakeFormationIdentityCenterConfiguration (Lake Formation authorizes the queries of Identity Center users); pass it in props or define it in the same stack'],
      ['S3 Access Grants', (stack: Stack, instance: IIdentityCenterInstance) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance }), () => undefined,
        'TestStack/WorkGroup: an Identity Center enabled Athena workgroup needs an S3AccessGrantsIdentityCenter (S3 Access Grants serves Identity Center users their query results); pass it in props or define it in the same stack'],
    ])('a workgroup without %s', (_name, addLakeFormation, addAccessGrants, message) => {
      const { stack, instance, bucket } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket });
      addLakeFormation(stack, instance);
      addAccessGrants(stack, instance);
      expect(() => (stack.node.root as App).synth()).toThrow(message);
    });

    test('a workgroup without either names both', () => {
      const { stack, instance, bucket } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket });
      expect(() => (stack.node.root as App).synth()).toThrow(/needs a LakeFormationIdentityCenterConfiguration .* and an S3AccessGrantsIdentityCenter/);
    });

    test.each([
      ['a name with spaces', { workGroupName: 'my workgroup' }, 'workGroupName may contain only letters, digits, . _ and - (got "my workgroup")'],
      ['a name over 128 characters', { workGroupName: 'w'.repeat(129) }, /workGroupName must be 1 to 128 characters long, but is 129/],
      ['a results prefix starting with a slash', { resultsPrefix: '/results/' }, /resultsPrefix must be a key prefix/],
    ])('%s', (_name, props, message) => {
      const { stack, instance, bucket } = setup();
      expect(() => new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, ...props })).toThrow(message);
    });
  });
});

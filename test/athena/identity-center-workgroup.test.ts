import { App, Stack, Tags } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AthenaIdentityCenterWorkGroup,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  S3AccessGrantsIdentityCenter,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { synth, testStack } from '../util/synth';

interface Setup {
  readonly stack: Stack;
  readonly instance: IIdentityCenterInstance;
  readonly bucket: s3.Bucket;
  readonly lakeFormation: LakeFormationIdentityCenterConfiguration;
  readonly s3AccessGrants: S3AccessGrantsIdentityCenter;
}

/** A stack with the workgroup's prerequisites: Lake Formation, and S3 Access Grants with the results bucket registered. */
function setup(options: { registerResults?: boolean } = {}): Setup {
  const stack = testStack();
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const bucket = new s3.Bucket(stack, 'Results', { enforceSSL: true });
  const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
  const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
  if (options.registerResults ?? true) s3AccessGrants.addLocation('Results', { bucket });
  return { stack, instance, bucket, lakeFormation, s3AccessGrants };
}

describe('AthenaIdentityCenterWorkGroup', () => {
  test('creates the workgroup after its Lake Formation and S3 Access Grants', () => {
    const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
    const workGroup = new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
      instance, workGroupName: 'analysts', resultsBucket: bucket, resultsPrefix: 'results/', lakeFormation, s3AccessGrants,
    });

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
              'athena:UntagResource',
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
    expect(stack.resolve(workGroup.identityCenterApplication.applicationArn))
      .toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WorkGroup/), 'IdentityCenterApplicationArn'] });
  });

  test('takes Lake Formation and S3 Access Grants imported from a platform stack', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const lakeFormation = LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'LakeFormation', {
      identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444',
    });
    const s3AccessGrants = S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'AccessGrants',
      'arn:aws:s3:us-east-1:111122223333:access-grants/default');
    const bucket = new s3.Bucket(stack, 'Results', { enforceSSL: true });
    new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName: 'analysts', resultsBucket: bucket, lakeFormation, s3AccessGrants });
    s3AccessGrants.addLocation('Results', { bucket });

    const template = synth(stack);
    template.resourceCountIs('Custom::AthenaIdentityCenterWorkGroup', 1);
    template.resourceCountIs('Custom::LakeFormationIdentityCenterConfiguration', 0);
    template.resourceCountIs('AWS::S3::AccessGrantsInstance', 0);
    template.resourceCountIs('AWS::S3::AccessGrantsLocation', 1);
  });

  describe('tags', () => {
    test('takes tags and CDK\'s Tags.of(), sorted, and may untag and retag them', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
      const workGroup = new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
        instance, workGroupName: 'analysts', resultsBucket: bucket, lakeFormation, s3AccessGrants, tags: { team: 'finance' },
      });
      Tags.of(stack).add('cost-center', '4711');
      Tags.of(workGroup).add('AthenaDriverOidcAppArn', 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0123456789abcdef');

      const template = synth(stack);
      template.hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', {
        Tags: [
          { Key: 'AthenaDriverOidcAppArn', Value: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0123456789abcdef' },
          { Key: 'cost-center', Value: '4711' },
          { Key: 'team', Value: 'finance' },
        ],
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['athena:TagResource', 'athena:UntagResource']) })]) },
      });
    });

    test('no tags, no Tags property', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, lakeFormation, s3AccessGrants });
      synth(stack).hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', { Tags: Match.absent() });
    });

    test('refuses tags Athena refuses, and the construct\'s own keys', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
        instance,
        resultsBucket: bucket,
        lakeFormation,
        s3AccessGrants,
        tags: { 'aws:team': 'x', 'cdk-trusted-identity-propagation:stack-id': 'mine', 'long': 'v'.repeat(257), 'team#1': 'x' },
      });
      const errors = () => { try { (stack.node.root as App).synth(); return ''; } catch (error) { return String(error); } };
      const message = errors();
      expect(message).toContain('tag key "aws:team" (from tags or Tags.of()) starts with aws:, which AWS reserves; choose another key');
      expect(message).toContain('tag key "cdk-trusted-identity-propagation:stack-id" (from tags or Tags.of()) starts with cdk-trusted-identity-propagation:, '
        + 'which the construct keeps for its own tags; choose another key');
      expect(message).toContain('the value of tag "long" (from tags or Tags.of()) is 257 characters long; Athena allows at most 256');
      expect(message).toContain('tag key "team#1" (from tags or Tags.of()) may contain only letters, digits, spaces and _ . : / = + - @');
    });

    test('at most 48 tags', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
        instance,
        resultsBucket: bucket,
        lakeFormation,
        s3AccessGrants,
        tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`tag${i}`, 'v'])),
      });
      expect(() => (stack.node.root as App).synth()).toThrow(/the workgroup has 49 tags \(from tags, Tags.of\(\) and the use case\), but takes at most 48 besides the construct's own 2/);
    });
  });

  test('imports a workgroup by name and application', () => {
    const stack = testStack();
    const workGroup = AthenaIdentityCenterWorkGroup.fromWorkGroupAttributes(stack, 'Imported', {
      workGroupName: 'analysts',
      identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-2222333344445555',
    });
    expect(stack.resolve(workGroup.workGroupArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':athena:us-east-1:111122223333:workgroup/analysts']] });
    expect(workGroup.identityCenterApplication.applicationArn).toBe('arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-2222333344445555');
    expect(() => AthenaIdentityCenterWorkGroup.fromWorkGroupAttributes(stack, 'Bad', { workGroupName: 'a b', identityCenterApplicationArn: 'x' }))
      .toThrow('TestStack/Bad: workGroupName may contain only letters, digits, . _ and - (got "a b")');
  });

  test('a default name that follows the instance', () => {
    const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
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
    test('results that no location of its S3 Access Grants instance covers, once the app is complete', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup({ registerResults: false });
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, resultsPrefix: 'results/', lakeFormation, s3AccessGrants });
      s3AccessGrants.addLocation('Elsewhere', { bucket, prefix: 'other/' });
      // A prefix of the name, not of the path: res/ is not results/.
      s3AccessGrants.addLocation('Res', { bucket, prefix: 'res' });
      expect(() => (stack.node.root as App).synth()).toThrow(/\[TestStack\/WorkGroup\] the results location \(bucket TestStack\/Results, prefix "results\/"\) is not registered with S3 Access Grants instance TestStack\/AccessGrants, so users cannot read their query results; register it with addLocation/);
    });

    test('accepts a location added after the workgroup that covers the results prefix', () => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup({ registerResults: false });
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, resultsPrefix: 'results/', lakeFormation, s3AccessGrants });
      s3AccessGrants.addLocation('Results', { bucket, prefix: 'results' });
      synth(stack).resourceCountIs('AWS::S3::AccessGrantsLocation', 1);
    });

    test.each([
      ['a name with spaces', { workGroupName: 'my workgroup' }, 'TestStack/WorkGroup: workGroupName may contain only letters, digits, . _ and - (got "my workgroup")'],
      ['a name over 128 characters', { workGroupName: 'w'.repeat(129) }, /TestStack\/WorkGroup: workGroupName must be 1 to 128 characters long, but is 129/],
      ['a results prefix starting with a slash', { resultsPrefix: '/results/' }, /TestStack\/WorkGroup: resultsPrefix must be a key prefix/],
    ])('%s', (_name, props, message) => {
      const { stack, instance, bucket, lakeFormation, s3AccessGrants } = setup();
      expect(() => new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, lakeFormation, s3AccessGrants, ...props })).toThrow(message);
    });
  });
});

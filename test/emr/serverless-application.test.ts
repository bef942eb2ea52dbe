import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EmrServerlessIdentityCenterApplication } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

function setup(props: Partial<ConstructorParameters<typeof EmrServerlessIdentityCenterApplication>[2]> = {}) {
  const { stack, instance } = stackWithInstance();
  const application = new EmrServerlessIdentityCenterApplication(stack, 'Spark', { instance, releaseLabel: 'emr-7.8.0', applicationName: 'notebooks', ...props });
  return { stack, application };
}

describe('EmrServerlessIdentityCenterApplication', () => {
  test('a Spark application with the instance and its Livy endpoint on', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMRServerless::Application', {
      Name: 'notebooks',
      ReleaseLabel: 'emr-7.8.0',
      Type: 'SPARK',
      IdentityCenterConfiguration: { IdentityCenterInstanceArn: INSTANCE_ARN },
      InteractiveConfiguration: { LivyEndpointEnabled: true },
    });
  });

  test('a custom resource reports the Identity Center application and sets user background sessions, after every change of the application', () => {
    const { stack, application } = setup({ userBackgroundSessions: true });
    const template = synth(stack);
    template.hasResourceProperties('Custom::EmrServerlessIdentityCenter', {
      ApplicationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Spark'), 'ApplicationId'] },
      UserBackgroundSessionsEnabled: true,
      ApplicationHash: Match.stringLikeRegexp('^[0-9a-f]{16}$'),
    });
    expect(JSON.stringify(stack.resolve(application.identityCenterApplication.applicationArn))).toMatch(/SparkIdentityCenter.*IdentityCenterApplicationArn/);

    // A change to the application changes the hash, so the resource runs again.
    const hashOf = (props: object) => synth(setup(props).stack).findResources('Custom::EmrServerlessIdentityCenter');
    const [before, after] = [hashOf({}), hashOf({ releaseLabel: 'emr-7.9.0' })].map(r => (Object.values(r)[0] as any).Properties.ApplicationHash);
    expect(before).not.toEqual(after);
  });

  test('the handler may read and update applications of this account and set session configurations, in one policy for every application', () => {
    const { stack, instance } = stackWithInstance();
    for (const id of ['One', 'Two', 'Three']) new EmrServerlessIdentityCenterApplication(stack, id, { instance, releaseLabel: 'emr-7.8.0' });
    const template = synth(stack);
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['emr-serverless:GetApplication', 'emr-serverless:UpdateApplication'] })]) } },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['emr-serverless:GetApplication', 'emr-serverless:UpdateApplication'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':emr-serverless:us-east-1:111122223333:/applications/*']] },
          },
          {
            Action: ['sso:DescribeInstance', 'sso:PutApplicationSessionConfiguration'],
            Effect: 'Allow',
            Resource: [INSTANCE_ARN, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::111122223333:application/ssoins-1111222233334444/*']] }],
          },
        ],
      },
    });
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('the runtime role trusts EMR Serverless with sts:SetContext; grantLivyAccess lets a caller start sessions with it', () => {
    const { stack, application } = setup();
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    application.grantLivyAccess(caller);
    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: ['sts:AssumeRole', 'sts:SetContext'], Effect: 'Allow', Principal: { Service: 'emr-serverless.amazonaws.com' } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['emr-serverless:AccessLivyEndpoints', 'emr-serverless:GetDashboardForJobRun'] }),
          Match.objectLike({
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SparkRuntimeRole'), 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } },
          }),
        ],
      },
    });
  });

  describe('rejects', () => {
    test('a release below 7.8.0', () => {
      expect(() => setup({ releaseLabel: 'emr-7.7.0' })).toThrow(
        'TestStack/Spark: releaseLabel must be emr-7.8.0 or later: EMR Serverless supports trusted identity propagation from 7.8.0 (got "emr-7.7.0")');
      expect(() => setup({ releaseLabel: 'emr-7.10.0' })).not.toThrow();
    });

    test('a name EMR Serverless does not accept', () => {
      expect(() => setup({ applicationName: 'my notebooks' })).toThrow(
        'TestStack/Spark: applicationName must be 1 to 64 letters, digits and . _ / # - (got "my notebooks")');
    });
  });
});

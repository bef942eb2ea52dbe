import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { EmrStudio } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

const TAG = { Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' };

function setup(props: Partial<ConstructorParameters<typeof EmrStudio>[2]> = {}) {
  const { stack, instance } = stackWithInstance();
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  const studio = new EmrStudio(stack, 'Studio', { instance, vpc, studioName: 'analytics', ...props });
  return { stack, vpc, studio };
}

describe('EmrStudio', () => {
  test('an Identity Center Studio with trusted identity propagation, required assignment and the VPC\'s private subnets', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMR::Studio', {
      Name: 'analytics',
      AuthMode: 'SSO',
      IdcInstanceArn: INSTANCE_ARN,
      IdcUserAssignment: 'REQUIRED',
      TrustedIdentityPropagationEnabled: true,
      VpcId: 'vpc-0123456789abcdef0',
      SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      ServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioServiceRole'), 'Arn'] },
      UserRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioUserRole'), 'Arn'] },
      WorkspaceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioWorkspaceSecurityGroup'), 'GroupId'] },
      EngineSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioEngineSecurityGroup'), 'GroupId'] },
      DefaultS3Location: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^StudioWorkspaceBucket') }, '/workspaces/']] },
    });
    // The Studio waits for its roles' permissions.
    template.hasResource('AWS::EMR::Studio', {
      DependsOn: [Match.stringLikeRegexp('^StudioServiceRoleDefaultPolicy')],
    });
  });

  test('the user role trusts EMR Studio with sts:SetContext; the service role trusts it from this account only', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('^EMR Studio user role'),
      AssumeRolePolicyDocument: {
        Statement: [{ Action: ['sts:AssumeRole', 'sts:SetContext'], Effect: 'Allow', Principal: { Service: 'elasticmapreduce.amazonaws.com' } }],
      },
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^StudioSessionPolicy') }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'EMR Studio service role',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'elasticmapreduce.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111122223333' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticmapreduce:us-east-1:111122223333:*']] } },
          },
        }],
      },
    });
    // Network interfaces only with the EMR tag, as AWS's service role policy has it.
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^StudioServiceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'ec2:CreateNetworkInterface',
          Condition: { StringEquals: { 'aws:RequestTag/for-use-with-amazon-emr-managed-policies': 'true' } },
        })]),
      },
    });
  });

  test('security groups: Workspaces reach the engine on 18888, both tagged for EMR', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 18888,
      ToPort: 18888,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioWorkspaceSecurityGroup'), 'GroupId'] },
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StudioEngineSecurityGroup'), 'GroupId'] },
    });
    const groups = template.findResources('AWS::EC2::SecurityGroup');
    expect(Object.values(groups).map((g: any) => g.Properties.Tags)).toEqual([[TAG], [TAG]]);
  });

  test('subnets made in the app are tagged for EMR', () => {
    const { stack, instance } = stackWithInstance();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new EmrStudio(stack, 'Studio', { instance, vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    const subnets = Object.values(Template.fromStack(stack).findResources('AWS::EC2::Subnet'));
    expect(subnets.map((s: any) => s.Properties.Tags)).toEqual([expect.arrayContaining([TAG])]);
  });

  test('assignUser and assignGroup map Identity Center identities by name, with the session policy', () => {
    const { stack, studio } = setup();
    studio.assignUser('alice@example.com');
    studio.assignGroup('Data Scientists');
    const template = synth(stack);
    for (const [IdentityType, IdentityName] of [['USER', 'alice@example.com'], ['GROUP', 'Data Scientists']]) {
      template.hasResourceProperties('AWS::EMR::StudioSessionMapping', {
        StudioId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Studio'), 'StudioId'] },
        IdentityType,
        IdentityName,
        SessionPolicyArn: { Ref: Match.stringLikeRegexp('^StudioSessionPolicy') },
      });
    }
  });

  test('a KMS key encrypts the backups, and the service role may use it', () => {
    const { stack, instance } = stackWithInstance();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
    new EmrStudio(stack, 'Studio', { instance, vpc, encryptionKey: key });
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMR::Studio', { EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^StudioServiceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
        })]),
      },
    });
  });

  test('names that differ only in punctuation are different assignments', () => {
    const { stack, studio } = setup();
    studio.assignUser('john.doe');
    studio.assignUser('johndoe');
    synth(stack).resourceCountIs('AWS::EMR::StudioSessionMapping', 2);
  });

  test('assigning to a Studio without required assignment warns', () => {
    const { stack, studio } = setup({ userAssignmentRequired: false });
    studio.assignUser('alice@example.com');
    Annotations.fromStack(stack).hasWarning('/TestStack/Studio', Match.stringLikeRegexp('userAssignmentRequired is false'));
    Template.fromStack(stack).hasResourceProperties('AWS::EMR::Studio', { IdcUserAssignment: 'OPTIONAL' });
  });

  describe('rejects', () => {
    test('a selection with no subnet', () => {
      expect(() => setup({ subnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(
        /^TestStack\/Studio: subnets selects no subnet of the VPC \(There are no 'Public' subnet groups in this VPC.*\): EMR Studio needs 1 to 5 subnets/);
      expect(() => setup({ subnets: { subnets: [] } })).toThrow(/^TestStack\/Studio: subnets selects no subnet of the VPC: EMR Studio needs 1 to 5 subnets/);
    });

    test('more than 5 subnets', () => {
      const { stack, instance } = stackWithInstance();
      const ids = [0, 1, 2, 3, 4, 5].map(i => `subnet-0123456789abcdef${i}`);
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0123456789abcdef0', availabilityZones: ids.map((_, i) => `us-east-1${'abcdef'[i]}`), privateSubnetIds: ids,
      });
      expect(() => new EmrStudio(stack, 'Studio', { instance, vpc })).toThrow(/subnets selects 6 subnets, but "A Studio can have a maximum of 5 subnets"/);
    });

    test('a name EMR does not accept', () => {
      expect(() => setup({ studioName: 'my studio' })).toThrow('TestStack/Studio: studioName may contain only letters, digits, _ and -, 1 to 256 of them (got "my studio")');
    });
  });
});

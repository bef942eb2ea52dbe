import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3AccessGrantPermission, S3AccessGrantsIdentityCenter, S3AccessGrantsLocation } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

const GROUP = 'a1b2c3d4-1111-2222-3333-444455556666';
const USER = '906757d3d5-11111111-2222-3333-4444-555555555555';

const setup = stackWithInstance;

describe('S3AccessGrantsIdentityCenter', () => {
  test('connects the instance, registers a location and grants users and groups', () => {
    const { stack, instance } = setup();
    const bucket = new s3.Bucket(stack, 'Data', { enforceSSL: true });
    const grants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });

    const location = grants.addLocation('Sales', { bucket, prefix: 'sales/' });
    location.grantToGroup(GROUP, S3AccessGrantPermission.READ);
    location.grantToUser(USER, S3AccessGrantPermission.READWRITE, 'reports/*');

    const template = synth(stack);
    template.hasResourceProperties('AWS::S3::AccessGrantsInstance', { IdentityCenterArn: INSTANCE_ARN });
    template.hasResource('AWS::S3::AccessGrantsLocation', {
      Properties: {
        LocationScope: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Data') }, '/sales/']] },
        IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessGrantsSalesRole'), 'Arn'] },
      },
      DependsOn: [Match.stringLikeRegexp('^AccessGrants')],
    });
    template.hasResourceProperties('AWS::S3::AccessGrant', {
      AccessGrantsLocationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessGrantsSales'), 'AccessGrantsLocationId'] },
      Grantee: { GranteeType: 'DIRECTORY_GROUP', GranteeIdentifier: GROUP },
      Permission: 'READ',
      AccessGrantsLocationConfiguration: Match.absent(),
    });
    template.hasResourceProperties('AWS::S3::AccessGrant', {
      Grantee: { GranteeType: 'DIRECTORY_USER', GranteeIdentifier: USER },
      Permission: 'READWRITE',
      AccessGrantsLocationConfiguration: { S3SubPrefix: 'reports/*' },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext', 'sts:SetSourceIdentity'],
          Effect: 'Allow',
          Principal: { Service: 'access-grants.s3.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:us-east-1:111122223333:access-grants/default']] },
            },
          },
        }],
      },
    });
    expect(stack.resolve(grants.accessGrantsInstanceArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AccessGrants/), 'AccessGrantsInstanceArn'] });
  });

  test('uses the account\'s existing instance: associates it through a custom resource instead of creating one', () => {
    const { stack, instance } = setup();
    const grants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance, useExistingInstance: true });
    grants.addLocation('Results', { bucket: new s3.Bucket(stack, 'Results') }).grantToGroup(GROUP, S3AccessGrantPermission.READ);

    const template = synth(stack);
    template.resourceCountIs('AWS::S3::AccessGrantsInstance', 0);
    template.hasResourceProperties('Custom::S3AccessGrantsIdentityCenter', { AccountId: '111122223333', IdentityCenterInstanceArn: INSTANCE_ARN });
    // Locations are registered once the instance is associated.
    template.hasResource('AWS::S3::AccessGrantsLocation', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^AccessGrants')]) });
    template.resourceCountIs('AWS::S3::AccessGrant', 1);
    // The handler may read and (dis)associate exactly this account's instance.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['s3:GetAccessGrantsInstance', 's3:AssociateAccessGrantsIdentityCenter', 's3:DissociateAccessGrantsIdentityCenter'],
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:us-east-1:111122223333:access-grants/default']] },
        }],
      },
    });
    expect(stack.resolve(grants.accessGrantsInstanceArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AccessGrants/), 'AccessGrantsInstanceArn'] });
  });

  test('imports an instance and a location a platform stack made, and grants on the location', () => {
    const { stack } = setup();
    const instance = S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'Platform', 'arn:aws:s3:us-east-1:111122223333:access-grants/default');
    const location = S3AccessGrantsLocation.fromAccessGrantsLocationId(stack, 'Shared', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
    location.grantToGroup(GROUP, S3AccessGrantPermission.READ, 'reports/*');

    const template = synth(stack);
    expect(instance.accessGrantsInstanceArn).toBe('arn:aws:s3:us-east-1:111122223333:access-grants/default');
    template.resourceCountIs('AWS::S3::AccessGrantsInstance', 0);
    template.hasResourceProperties('AWS::S3::AccessGrant', {
      AccessGrantsLocationId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      Grantee: { GranteeType: 'DIRECTORY_GROUP', GranteeIdentifier: GROUP },
      AccessGrantsLocationConfiguration: { S3SubPrefix: 'reports/*' },
    });
  });

  describe('rejects', () => {
    test('an instance ARN or location id that is not one', () => {
      const { stack } = setup();
      expect(() => S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'A', 'arn:aws:s3:::bucket')).toThrow(
        'TestStack/A: accessGrantsInstanceArn must be an S3 Access Grants instance ARN, arn:<partition>:s3:<region>:<account>:access-grants/default (got "arn:aws:s3:::bucket")');
      expect(() => S3AccessGrantsLocation.fromAccessGrantsLocationId(stack, 'L', 'not an id')).toThrow(
        'TestStack/L: accessGrantsLocationId may contain only letters, digits and - (got "not an id")');
    });

    test('a second instance in the stack', () => {
      const { stack, instance } = setup();
      new S3AccessGrantsIdentityCenter(stack, 'First', { instance });
      expect(() => new S3AccessGrantsIdentityCenter(stack, 'Second', { instance })).toThrow(
        'TestStack/Second: this stack already has an S3AccessGrantsIdentityCenter (TestStack/First): S3 Access Grants allows one instance per account and region');
    });

    test('a grantee that is not an identity store id', () => {
      const { stack, instance } = setup();
      const location = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance }).addLocation('L', { bucket: new s3.Bucket(stack, 'B') });
      expect(() => location.grantToGroup('analysts', S3AccessGrantPermission.READ)).toThrow(
        'groupId must be an identity store id such as 906757d3d5-2c2fd0d2-7b4c-4a0b-9c1d-3e2f1a0b9c8d (got "analysts")');
      expect(() => location.grantToUser('alice@example.com', S3AccessGrantPermission.READ)).toThrow(/userId must be an identity store id/);
    });

    test('a sub-prefix starting with a slash', () => {
      const { stack, instance } = setup();
      const location = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance }).addLocation('L', { bucket: new s3.Bucket(stack, 'B') });
      expect(() => location.grantToGroup(GROUP, S3AccessGrantPermission.WRITE, '/reports/*')).toThrow('subPrefix must not start with / (got "/reports/*")');
    });
  });
});

import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrIdentityCenterSecurityConfiguration, EmrTlsCertificates } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

function setup(props: Partial<ConstructorParameters<typeof EmrIdentityCenterSecurityConfiguration>[2]> = {}) {
  const { stack, instance } = stackWithInstance();
  const bucket = new s3.Bucket(stack, 'Certificates');
  const configuration = new EmrIdentityCenterSecurityConfiguration(stack, 'Security', {
    instance, tlsCertificates: EmrTlsCertificates.fromPemZip(bucket, 'certs/emr.zip'), lakeFormation: true, ...props,
  });
  return { stack, instance, bucket, configuration };
}

function cluster(stack: Stack, props: Partial<emr.CfnClusterProps> = {}): emr.CfnCluster {
  const security = stack.node.tryFindChild('Security') as EmrIdentityCenterSecurityConfiguration | undefined;
  return new emr.CfnCluster(stack, 'Cluster', {
    name: 'spark',
    releaseLabel: 'emr-7.2.0',
    jobFlowRole: security?.instanceProfile.instanceProfileName ?? 'EMR_EC2_DefaultRole',
    serviceRole: 'EMR_DefaultRole_V2',
    instances: { masterInstanceGroup: { instanceCount: 1, instanceType: 'm5.xlarge' } },
    ...props,
  });
}

describe('EmrIdentityCenterSecurityConfiguration', () => {
  test('turns on Identity Center with the instance, the Identity Center role, Lake Formation and in-transit encryption', () => {
    const { stack } = setup();
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMR::SecurityConfiguration', {
      SecurityConfiguration: {
        AuthenticationConfiguration: {
          IdentityCenterConfiguration: {
            EnableIdentityCenter: true,
            IdentityCenterInstanceARN: INSTANCE_ARN,
            IAMRoleForEMRIdentityCenterApplicationARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecurityIdentityCenterRole'), 'Arn'] },
          },
        },
        AuthorizationConfiguration: { LakeFormationConfiguration: { AuthorizedSessionTagValue: 'Amazon EMR' } },
        EncryptionConfiguration: {
          EnableInTransitEncryption: true,
          EnableAtRestEncryption: false,
          InTransitEncryptionConfiguration: {
            TLSCertificateConfiguration: {
              CertificateProviderType: 'PEM',
              S3Object: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Certificates') }, '/certs/emr.zip']] },
            },
          },
        },
      },
    });
  });

  test('the Identity Center role trusts the instance role with sts:SetContext and may get the users\' data access', () => {
    const { stack } = setup({ s3AccessGrants: true });
    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecurityInstanceRole'), 'Arn'] } },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^SecurityIdentityCenterRole') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['sso-oauth:CreateTokenWithIAM', 'sso-oauth:IntrospectTokenWithIAM', 'sso-oauth:RevokeTokenWithIAM'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::111122223333:application/ssoins-1111222233334444/*']] },
          }),
          Match.objectLike({ Action: 'lakeformation:GetDataAccess', Resource: '*' }),
          Match.objectLike({ Action: Match.arrayWith(['glue:GetTable', 'glue:GetPartitions']) }),
          Match.objectLike({
            Action: ['s3:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:us-east-1:111122223333:access-grants/default']] },
          }),
        ],
      },
    });
    // The instance role may assume it, set the context, and read the certificates.
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^SecurityInstanceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sts:AssumeRole', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecurityIdentityCenterRole'), 'Arn'] } }),
          Match.objectLike({ Action: 'sts:SetContext', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecurityIdentityCenterRole'), 'Arn'] } }),
          Match.objectLike({
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Certificates'), 'Arn'] }, '/certs/emr.zip']] },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: [{ Ref: Match.stringLikeRegexp('^SecurityInstanceRole') }] });
  });

  test('S3 Access Grants only: no Lake Formation authorization or permissions', () => {
    const { stack } = setup({ lakeFormation: false, s3AccessGrants: true });
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMR::SecurityConfiguration', {
      SecurityConfiguration: Match.objectLike({ AuthorizationConfiguration: Match.absent() }),
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('lakeformation:GetDataAccess');
    expect(policies).toContain('s3:GetDataAccess');
  });

  test('at-rest encryption of local disks with a KMS key the instance role may use', () => {
    const { stack, instance } = stackWithInstance();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new EmrIdentityCenterSecurityConfiguration(stack, 'Security', {
      instance,
      tlsCertificates: EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'Certificates'), 'certs/emr.zip'),
      lakeFormation: true,
      localDiskEncryptionKey: key,
    });
    const template = synth(stack);
    template.hasResourceProperties('AWS::EMR::SecurityConfiguration', {
      SecurityConfiguration: {
        EncryptionConfiguration: Match.objectLike({
          EnableAtRestEncryption: true,
          AtRestEncryptionConfiguration: {
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] }, EnableEbsEncryption: true,
            },
          },
        }),
      },
    });
  });

  test('configureCluster sets the configuration, the instance profile and the S3 Access Grants classification', () => {
    const { stack, configuration } = setup({ s3AccessGrants: true });
    const spark = cluster(stack, { configurations: [{ classification: 'spark', configurationProperties: { 'spark.executor.memory': '4g' } }] });
    configuration.configureCluster(spark);
    const template = synth(stack);
    template.hasResource('AWS::EMR::Cluster', {
      Properties: Match.objectLike({
        SecurityConfiguration: { Ref: Match.stringLikeRegexp('^Security') },
        JobFlowRole: { Ref: Match.stringLikeRegexp('^SecurityInstanceProfile') },
        Configurations: [
          { Classification: 'spark', ConfigurationProperties: { 'spark.executor.memory': '4g' } },
          { Classification: 'emrfs-site', ConfigurationProperties: { 'fs.s3.s3AccessGrants.enabled': 'true', 'fs.s3.s3AccessGrants.fallbackToIAM': 'false' } },
        ],
      }),
      // The instances start once their roles may read the certificates and assume the Identity Center role.
      DependsOn: [Match.stringLikeRegexp('^SecurityIdentityCenterRoleDefaultPolicy'), Match.stringLikeRegexp('^SecurityInstanceRoleDefaultPolicy')],
    });
  });

  test('assignmentRequired writes the key as AWS\'s examples spell it', () => {
    const { stack } = setup({ assignmentRequired: true });
    synth(stack).hasResourceProperties('AWS::EMR::SecurityConfiguration', {
      SecurityConfiguration: Match.objectLike({
        AuthenticationConfiguration: { IdentityCenterConfiguration: Match.objectLike({ IdentityCenterApplicationAssigmentRequired: true }) },
      }),
    });
  });

  describe('rejects', () => {
    test('no certificates, saying why', () => {
      expect(() => setup({ tlsCertificates: undefined as any })).toThrow(
        /^TestStack\/Security: tlsCertificates is required: Amazon EMR needs in-transit encryption with Identity Center .*EmrTlsCertificates.fromPemZip\(bucket, key\)$/);
    });

    test('neither Lake Formation nor S3 Access Grants', () => {
      expect(() => setup({ lakeFormation: false })).toThrow(
        'TestStack/Security: needs lakeFormation: true (in Python: lake_formation=True), s3AccessGrants: true (in Python: s3_access_grants=True) or both');
    });

    test('a release label below 6.15.0, on the configuration or on a cluster', () => {
      expect(() => setup({ releaseLabel: 'emr-6.14.0' })).toThrow(
        'TestStack/Security: releaseLabel must be emr-6.15.0 or later: Amazon EMR supports Identity Center from 6.15.0 (got "emr-6.14.0")');
      expect(() => setup({ releaseLabel: 'spark-3' })).toThrow('releaseLabel must be an Amazon EMR release label such as emr-6.15.0 (got "spark-3")');
      expect(() => setup({ releaseLabel: 'emr-6.15.0' })).not.toThrow();
      const { stack, configuration } = setup();
      expect(() => configuration.configureCluster(cluster(stack, { releaseLabel: 'emr-5.36.2' }))).toThrow(
        'TestStack/Cluster: releaseLabel must be emr-6.15.0 or later: Amazon EMR supports Identity Center from 6.15.0 (got "emr-5.36.2")');
    });

    test('a cluster with another instance profile', () => {
      const { stack, configuration } = setup();
      expect(() => configuration.configureCluster(cluster(stack, { jobFlowRole: 'EMR_EC2_DefaultRole' }))).toThrow(
        /^TestStack\/Cluster: jobFlowRole must be the instance profile of TestStack\/Security \(got "EMR_EC2_DefaultRole"\): its role may assume the Identity Center role; /);
    });

    test('a cluster with another security configuration', () => {
      const { stack, configuration } = setup();
      expect(() => configuration.configureCluster(cluster(stack, { securityConfiguration: 'kerberos' }))).toThrow(
        'TestStack/Cluster: securityConfiguration is already set (got "kerberos"); an Identity Center enabled cluster needs the security configuration of TestStack/Security');
    });

    test('a certificate key that is not a zip file', () => {
      const stack = new Stack();
      expect(() => EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'B'), '/certs.pem')).toThrow(
        'EmrTlsCertificates.fromPemZip: key must be the key of a .zip file, without a leading "/" (got "/certs.pem")');
    });
  });
});


import { RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { OpenSearchIdentityCenter, OpenSearchRolesKey, OpenSearchSubjectKey } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

function fgacDomain(stack: any, id = 'Logs'): opensearch.Domain {
  return new opensearch.Domain(stack, id, {
    version: opensearch.EngineVersion.OPENSEARCH_2_17,
    fineGrainedAccessControl: { masterUserArn: 'arn:aws:iam::111122223333:role/admin' },
    enforceHttps: true,
    nodeToNodeEncryption: true,
    encryptionAtRest: { enabled: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

describe('OpenSearchIdentityCenter', () => {
  test('configureDomain turns Identity Center API access on for a domain with fine-grained access control', () => {
    const { stack, instance } = stackWithInstance();
    OpenSearchIdentityCenter.configureDomain(fgacDomain(stack), { instance, rolesKey: OpenSearchRolesKey.GROUP_NAME });
    synth(stack).hasResourceProperties('AWS::OpenSearchService::Domain', {
      IdentityCenterOptions: { EnabledAPIAccess: true, IdentityCenterInstanceARN: INSTANCE_ARN, SubjectKey: 'UserId', RolesKey: 'GroupName' },
    });
  });

  test('the OpenSearch UI application with Identity Center and its role: trusted by OpenSearch UI, sts:SetContext for Identity Center only', () => {
    const { stack, instance } = stackWithInstance();
    const domain = fgacDomain(stack);
    new OpenSearchIdentityCenter(stack, 'Ui', { instance, applicationName: 'observability', domains: [domain] });
    const template = synth(stack);
    template.hasResourceProperties('AWS::OpenSearchService::Application', {
      Name: 'observability',
      IamIdentityCenterOptions: {
        Enabled: true, IamIdentityCenterInstanceArn: INSTANCE_ARN, IamRoleForIdentityCenterApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UiRole'), 'Arn'] },
      },
      DataSources: [{ DataSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] } }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { Service: 'application.opensearchservice.amazonaws.com' },
          Condition: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': Match.anyValue() } },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^UiRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['es:ESHttpGet', 'es:ESHttpPost']) })] },
    });
  });

  describe('rejects', () => {
    test('a domain without fine-grained access control', () => {
      const { stack, instance } = stackWithInstance();
      const domain = new opensearch.CfnDomain(stack, 'Plain', { engineVersion: 'OpenSearch_2.17' });
      expect(() => OpenSearchIdentityCenter.configureCfnDomain(domain, { instance, subjectKey: OpenSearchSubjectKey.EMAIL })).toThrow(
        /^TestStack\/Plain: advancedSecurityOptions.enabled must be true: OpenSearch needs fine-grained access control for Identity Center/);
    });

    test('an application name out of bounds', () => {
      const { stack, instance } = stackWithInstance();
      expect(() => new OpenSearchIdentityCenter(stack, 'Ui', { instance, applicationName: '' })).toThrow(
        'TestStack/Ui: applicationName must be 1 to 40 characters long, but is 0 (got "")');
    });

    test('an engine before OpenSearch 1.3', () => {
      const { stack, instance } = stackWithInstance();
      const domain = new opensearch.CfnDomain(stack, 'Old', { engineVersion: 'Elasticsearch_7.10', advancedSecurityOptions: { enabled: true } });
      expect(() => OpenSearchIdentityCenter.configureCfnDomain(domain, { instance })).toThrow(
        'TestStack/Old: engineVersion must be OpenSearch 1.3 or later for Identity Center (got "Elasticsearch_7.10")');
    });
  });
});

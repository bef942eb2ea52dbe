import { Match } from 'aws-cdk-lib/assertions';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { DataZoneDomainIdentityCenter, DataZoneUserAssignment } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

describe('DataZoneDomainIdentityCenter', () => {
  test('a SageMaker Unified Studio domain with Identity Center sign-in, assignment required by default', () => {
    const { stack, instance } = stackWithInstance();
    new DataZoneDomainIdentityCenter(stack, 'Domain', { instance, domainName: 'analytics' });
    synth(stack).hasResourceProperties('AWS::DataZone::Domain', {
      Name: 'analytics',
      DomainVersion: 'V2',
      SingleSignOn: { Type: 'IAM_IDC', UserAssignment: 'MANUAL', IdcInstanceArn: INSTANCE_ARN },
      DomainExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainDomainExecutionRole'), 'Arn'] },
      ServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainServiceRole'), 'Arn'] },
    });
  });

  test('the domain execution role: DataZone of this account with sts:TagSession and sts:SetContext', () => {
    const { stack, instance } = stackWithInstance();
    new DataZoneDomainIdentityCenter(stack, 'Domain', { instance, domainName: 'analytics', userAssignment: DataZoneUserAssignment.AUTOMATIC });
    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'SageMaker Unified Studio acting for its signed-in users',
      AssumeRolePolicyDocument: {
        // The statement AWS gives (AmazonSageMakerDomainExecution.html).
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext', 'sts:TagSession'],
          Effect: 'Allow',
          Principal: { Service: 'datazone.amazonaws.com' },
          Condition: { 'StringEquals': { 'aws:SourceAccount': '111122223333' }, 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } },
        }],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/SageMakerStudioDomainExecutionRolePolicy']] }],
    });
    // The query execution role: Lake Formation and Glue, with sts:SetContext.
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Athena queries of SageMaker Unified Studio users, as the user',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { Service: ['lakeformation.amazonaws.com', 'glue.amazonaws.com'] },
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        }],
      },
    });
    template.hasResourceProperties('AWS::DataZone::Domain', { SingleSignOn: Match.objectLike({ UserAssignment: 'AUTOMATIC' }) });
  });

  test('enableOnConnection turns trusted identity propagation on for a connection', () => {
    const { stack, instance } = stackWithInstance();
    const domain = new DataZoneDomainIdentityCenter(stack, 'Domain', { instance, domainName: 'analytics' });
    const connection = new datazone.CfnConnection(stack, 'Athena', {
      domainIdentifier: domain.domainId, environmentIdentifier: 'env-1234', name: 'athena', props: { athenaProperties: { workgroupName: 'analysts' } },
    });
    DataZoneDomainIdentityCenter.enableOnConnection(connection);
    synth(stack).hasResourceProperties('AWS::DataZone::Connection', { EnableTrustedIdentityPropagation: true });
  });

  test('rejects a name out of bounds', () => {
    const { stack, instance } = stackWithInstance();
    expect(() => new DataZoneDomainIdentityCenter(stack, 'Domain', { instance, domainName: '' })).toThrow(
      'TestStack/Domain: domainName must be 1 to 64 characters long, but is 0 (got "")');
  });
});

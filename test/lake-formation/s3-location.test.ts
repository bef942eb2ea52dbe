import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  LakeFormationS3Location,
} from '../../src';
import { stackWithInstance, synth } from '../util/synth';

const setup = stackWithInstance;

describe('LakeFormationS3Location', () => {
  test('registers a prefix with a role of its own, trusted for identity-enhanced sessions', () => {
    const { stack } = setup();
    const bucket = new s3.Bucket(stack, 'Data', { enforceSSL: true });

    new LakeFormationS3Location(stack, 'Sales', { bucket, prefix: 'sales/' });

    const template = synth(stack);
    template.hasResourceProperties('AWS::LakeFormation::Resource', {
      ResourceArn: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] }, '/sales/']] },
      UseServiceLinkedRole: false,
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SalesRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: ['sts:AssumeRole', 'sts:SetContext'], Effect: 'Allow', Principal: { Service: 'lakeformation.amazonaws.com' } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] }, '/sales/*']] },
          },
          {
            Action: 's3:ListBucket',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] },
            Condition: { StringLike: { 's3:prefix': ['sales/*'] } },
          },
        ],
      },
    });
  });

  test('rejects a prefix with a wildcard', () => {
    const { stack } = setup();
    expect(() => new LakeFormationS3Location(stack, 'Sales', { bucket: new s3.Bucket(stack, 'Data'), prefix: 'sales/*' }))
      .toThrow('prefix must be a key prefix such as sales/ (no leading slash, no *) (got "sales/*")');
  });
});

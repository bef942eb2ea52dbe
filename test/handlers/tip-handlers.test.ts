import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IdentityCenterApplication, TipHandlers } from '../../src';
import { stackWithInstance, synth } from '../util/synth';

function handlerStack(): Stack {
  const { stack, instance } = stackWithInstance();
  new IdentityCenterApplication(stack, 'App', { instance });
  return stack;
}

describe('TipHandlers.configure', () => {
  test('by default, the handler keeps today\'s settings and tells checkov why each of its findings does not apply', () => {
    const template = synth(handlerStack());
    template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({ ReservedConcurrentExecutions: Match.absent() }),
      Metadata: Match.objectLike({
        checkov: {
          skip: [
            { id: 'CKV_AWS_116', comment: Match.stringLikeRegexp('answers CloudFormation itself') },
            { id: 'CKV_AWS_117', comment: Match.stringLikeRegexp('only AWS service APIs') },
            { id: 'CKV_AWS_115', comment: Match.stringLikeRegexp('reservedConcurrentExecutions') },
          ],
        },
      }),
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectLike({ KmsKeyId: Match.absent() }),
      Metadata: Match.objectLike({ checkov: { skip: [{ id: 'CKV_AWS_158', comment: Match.stringLikeRegexp('logGroupEncryptionKey') }] } }),
    });
  });

  test('sets reserved concurrency and the log key, lets CloudWatch Logs use the key, and stops skipping those checks, even after the handler exists', () => {
    const stack = handlerStack();
    const key = new kms.Key(stack, 'LogsKey');
    TipHandlers.configure(stack, { reservedConcurrentExecutions: 3 });
    TipHandlers.configure(stack, { logGroupEncryptionKey: key });
    const template = synth(stack);

    template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({ ReservedConcurrentExecutions: 3 }),
      Metadata: Match.objectLike({ checkov: { skip: [{ id: 'CKV_AWS_116', comment: Match.anyValue() }, { id: 'CKV_AWS_117', comment: Match.anyValue() }] } }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] } });
    expect(JSON.stringify(template.findResources('AWS::Logs::LogGroup'))).not.toContain('checkov');
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logs.us-east-1.amazonaws.com' } })]) },
    });
  });

  test('rejects a reserved concurrency that is not a whole number from 1', () => {
    const stack = handlerStack();
    expect(() => TipHandlers.configure(stack, { reservedConcurrentExecutions: 0 }))
      .toThrow('TestStack: TipHandlers.configure reservedConcurrentExecutions must be a whole number from 1 (got 0)');
  });
});

import { Stack, Token } from 'aws-cdk-lib';
import { IdentityCenterInstance } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';


describe('IdentityCenterInstance', () => {
  test('imports an instance by ARN and derives its id', () => {
    const instance = IdentityCenterInstance.fromInstanceArn(new Stack(), 'Instance', INSTANCE_ARN);

    expect(instance.instanceArn).toBe(INSTANCE_ARN);
    expect(instance.instanceId).toBe('ssoins-1111222233334444');
    expect(instance.identityStoreId).toBeUndefined();
  });

  test('imports an instance with its identity store', () => {
    const instance = IdentityCenterInstance.fromInstanceAttributes(new Stack(), 'Instance', {
      instanceArn: 'arn:aws-us-gov:sso:::instance/ssoins-7223aaaabbbbcccc',
      identityStoreId: 'd-9067a1b2c3',
    });

    expect(instance.instanceId).toBe('ssoins-7223aaaabbbbcccc');
    expect(instance.identityStoreId).toBe('d-9067a1b2c3');
  });

  test('derives the id of a token ARN at deploy time', () => {
    const stack = new Stack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', Token.asString({ Ref: 'InstanceArn' }));

    expect(stack.resolve(instance.instanceId)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'InstanceArn' }] }] });
  });

  test.each([
    ['an application ARN', 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444'],
    ['an ARN with an account', 'arn:aws:sso::111122223333:instance/ssoins-1111222233334444'],
    ['a short instance id', 'arn:aws:sso:::instance/ssoins-1111'],
    ['a bare instance id', 'ssoins-1111222233334444'],
  ])('rejects %s', (_name, arn) => {
    expect(() => IdentityCenterInstance.fromInstanceArn(new Stack(), 'Instance', arn)).toThrow(
      `instanceArn must be an Identity Center instance ARN, arn:<partition>:sso:::instance/ssoins-<16 characters> (got "${arn}")`);
  });

  test('rejects a malformed identity store id', () => {
    expect(() => IdentityCenterInstance.fromInstanceAttributes(new Stack(), 'Instance', {
      instanceArn: INSTANCE_ARN,
      identityStoreId: 'store-1',
    })).toThrow('identityStoreId must be an identity store id, d-<10 hexadecimal digits> (got "store-1")');
  });
});

import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  IdentityCenterApplication,
  IdentityCenterInstance,
  QuickSightIdentityPropagation,
  QuickSightPropagationService,
  RedshiftIdcApplication,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { synth, testStack } from '../util/synth';


describe('QuickSightIdentityPropagation', () => {
  test('authorizes QuickSight to propagate identities to a Redshift application', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });

    new QuickSightIdentityPropagation(stack, 'ToRedshift', {
      service: QuickSightPropagationService.REDSHIFT,
      authorizedTargets: [redshift.identityCenterApplication],
    });

    const template = synth(stack);
    template.hasResourceProperties('Custom::QuickSightIdentityPropagation', {
      AwsAccountId: '111122223333',
      Service: 'REDSHIFT',
      AuthorizedTargets: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Redshift'), 'IdcManagedApplicationArn'] }],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['quicksight:UpdateIdentityPropagationConfig', 'quicksight:DeleteIdentityPropagationConfig', 'quicksight:ListIdentityPropagationConfigs'],
          Effect: 'Allow',
          Resource: '*',
        }]),
      },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('without targets, authorizes every application and warns', () => {
    const stack = testStack();
    new QuickSightIdentityPropagation(stack, 'ToAthena', { service: QuickSightPropagationService.ATHENA });

    synth(stack).hasResourceProperties('Custom::QuickSightIdentityPropagation', { Service: 'ATHENA', AuthorizedTargets: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/TestStack/ToAthena', Match.stringLikeRegexp(
      'QuickSight will propagate identities to every ATHENA application of the Identity Center instance; pass authorizedTargets \\(in Python: authorized_targets\\) to limit it'));
  });

  describe('rejects', () => {
    test('a target that is not an Identity Center application', () => {
      const stack = new Stack();
      const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
      const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
      expect(() => new QuickSightIdentityPropagation(stack, 'P', {
        service: QuickSightPropagationService.REDSHIFT,
        authorizedTargets: [redshift as any],
      })).toThrow('authorizedTargets[0] must be an Identity Center application (got an object without applicationArn); for a Redshift IdC application pass its identityCenterApplication');
    });

    test('a Redshift IdC application ARN imported as an Identity Center application', () => {
      const stack = new Stack();
      expect(() => IdentityCenterApplication.fromApplicationArn(stack, 'T', 'arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:abc'))
        .toThrow('applicationArn must be an Identity Center application ARN, arn:<partition>:sso::<account>:application/ssoins-<16>/apl-<16> (got "arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:abc")');
    });

    test('a second configuration for the same service', () => {
      const stack = new Stack();
      new QuickSightIdentityPropagation(stack, 'First', { service: QuickSightPropagationService.ATHENA });
      new QuickSightIdentityPropagation(stack, 'Redshift', { service: QuickSightPropagationService.REDSHIFT });
      expect(() => new QuickSightIdentityPropagation(stack, 'Second', { service: QuickSightPropagationService.ATHENA })).toThrow(
        'Default/Second: this stack already has a QuickSightIdentityPropagation for ATHENA (Default/First): QuickSight keeps one configuration per service; list all targets in that one');
    });

    test('more than 10 targets', () => {
      const stack = new Stack();
      const targets = Array.from({ length: 11 }, (_, i) =>
        IdentityCenterApplication.fromApplicationArn(stack, `T${i}`, 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd'));
      expect(() => new QuickSightIdentityPropagation(stack, 'P', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: targets }))
        .toThrow('authorizedTargets must have 1 to 10 entries, but has 11');
    });
  });
});

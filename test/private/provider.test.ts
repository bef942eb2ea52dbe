import { APPLICATION_CONFIGURATION } from '../../src/private/contracts/application-configuration';
import { TIP_VERIFICATION } from '../../src/private/contracts/tip-verification';
import { TipProvider } from '../../src/private/provider';
import { testStack } from '../util/synth';

describe('TipProvider', () => {
  test('one provider per family and stack, each with its own function', () => {
    const stack = testStack();
    const configuration = TipProvider.of(stack);
    expect(TipProvider.of(stack, 'configuration')).toBe(configuration);
    const verification = TipProvider.of(stack, 'verification');
    expect(verification).not.toBe(configuration);
    expect(verification.node.id).toBe('TrustedIdentityPropagationVerifier');
    expect(verification.roleName).not.toBe(configuration.roleName);
  });

  test('serves only the types of its family', () => {
    const stack = testStack();
    expect(() => TipProvider.of(stack).customResource(stack, 'Wrong', TIP_VERIFICATION, { Links: [], FailOnMissingLink: true, ChainHash: 'x' }))
      .toThrow('Custom::TipVerification is served by the verification family, not by configuration');
    expect(() => TipProvider.of(stack, 'verification').customResource(stack, 'AlsoWrong', APPLICATION_CONFIGURATION, {
      ApplicationArn: 'arn', AssignmentRequired: true, UserBackgroundSessions: false,
    })).toThrow('Custom::IdentityCenterApplicationConfiguration is served by the configuration family, not by verification');
  });
});

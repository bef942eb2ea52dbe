import { Stack } from 'aws-cdk-lib';
import {
  ApplicationGrant,
  ApplicationGrantType,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  TrustedTokenIssuer,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { testStack } from '../util/synth';


function setup(account = '111122223333'): { stack: Stack; instance: IIdentityCenterInstance; issuer: TrustedTokenIssuer } {
  const stack = testStack({ env: { account, region: 'us-east-1' } });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });
  return { stack, instance, issuer };
}

describe('ApplicationGrant', () => {
  const issuerOf = () => setup().issuer;

  test('jwtBearer takes several issuers', () => {
    const stack = new Stack();
    const a = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'A', 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-a');
    const b = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'B', 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-b');

    const grant = ApplicationGrant.jwtBearer({ issuer: a, audiences: ['x'] }, { issuer: b, audiences: ['y', 'z'] });

    expect(grant.grantType).toBe(ApplicationGrantType.JWT_BEARER);
    expect(grant._render()).toEqual({
      GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      Grant: {
        JwtBearer: {
          AuthorizedTokenIssuers: [
            { TrustedTokenIssuerArn: a.trustedTokenIssuerArn, AuthorizedAudiences: ['x'] },
            { TrustedTokenIssuerArn: b.trustedTokenIssuerArn, AuthorizedAudiences: ['y', 'z'] },
          ],
        },
      },
    });
  });

  test('authorizationCode accepts https and localhost redirect URIs', () => {
    const grant = ApplicationGrant.authorizationCode(['https://app.example.com/callback', 'http://localhost:8080/callback', 'http://127.0.0.1/cb']);
    expect(grant._render()).toEqual({
      GrantType: 'authorization_code',
      Grant: { AuthorizationCode: { RedirectUris: ['https://app.example.com/callback', 'http://localhost:8080/callback', 'http://127.0.0.1/cb'] } },
    });
  });

  test('tokenExchange and refreshToken render empty grants', () => {
    expect(ApplicationGrant.tokenExchange()._render()).toEqual({ GrantType: 'urn:ietf:params:oauth:grant-type:token-exchange', Grant: { TokenExchange: {} } });
    expect(ApplicationGrant.refreshToken()._render()).toEqual({ GrantType: 'refresh_token', Grant: { RefreshToken: {} } });
  });

  describe('rejects', () => {
    test('jwtBearer with no issuer', () => {
      expect(() => ApplicationGrant.jwtBearer()).toThrow('ApplicationGrant.jwtBearer: needs at least one trusted token issuer with its audiences');
    });

    test('jwtBearer with more than 10 issuers', () => {
      const issuer = issuerOf();
      const issuers = Array.from({ length: 11 }, () => ({ issuer, audiences: ['a'] }));
      expect(() => ApplicationGrant.jwtBearer(...issuers)).toThrow('ApplicationGrant.jwtBearer: issuers must have 1 to 10 entries, but has 11');
    });

    test.each([
      ['no audiences', [], 'ApplicationGrant.jwtBearer: issuers[0].audiences must have 1 to 10 entries, but has 0'],
      ['more than 10 audiences', Array.from({ length: 11 }, (_, i) => `aud${i}`), 'ApplicationGrant.jwtBearer: issuers[0].audiences must have 1 to 10 entries, but has 11'],
      ['an audience over 512 characters', ['a'.repeat(513)], /ApplicationGrant.jwtBearer: issuers\[0\].audiences\[0\] must be 1 to 512 characters long, but is 513/],
      ['an empty audience', [''], /ApplicationGrant.jwtBearer: issuers\[0\].audiences\[0\] must be 1 to 512 characters long, but is 0/],
    ])('jwtBearer with %s', (_name, audiences, message) => {
      const issuer = issuerOf();
      expect(() => ApplicationGrant.jwtBearer({ issuer, audiences })).toThrow(message);
    });

    test.each([
      ['no redirect URI', [], 'ApplicationGrant.authorizationCode: redirectUris must have 1 to 10 entries, but has 0'],
      ['an http redirect URI', ['http://app.example.com/cb'],
        'ApplicationGrant.authorizationCode: redirectUris[0] must start with https:// (http:// is allowed only for localhost) (got "http://app.example.com/cb")'],
      ['a relative redirect URI', ['/callback'], 'ApplicationGrant.authorizationCode: redirectUris[0] must be an absolute URL (got "/callback")'],
      ['more than 10 redirect URIs', Array.from({ length: 11 }, (_, i) => `https://app.example.com/${i}`),
        'ApplicationGrant.authorizationCode: redirectUris must have 1 to 10 entries, but has 11'],
    ])('authorizationCode with %s', (_name, uris, message) => {
      expect(() => ApplicationGrant.authorizationCode(uris)).toThrow(message);
    });
  });
});

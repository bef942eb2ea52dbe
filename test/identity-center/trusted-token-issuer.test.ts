import { App, CfnResource, Stack, Tags } from 'aws-cdk-lib';
import { TrustedTokenIssuer } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';


const setup = stackWithInstance;

describe('TrustedTokenIssuer', () => {
  test('creates an OIDC JWT issuer with the default claim mapping', () => {
    const { stack, instance } = setup();
    const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com/oauth2/default' });

    const template = synth(stack);
    template.resourceCountIs('AWS::SSO::TrustedTokenIssuer', 1);
    template.hasResourceProperties('AWS::SSO::TrustedTokenIssuer', {
      InstanceArn: INSTANCE_ARN,
      Name: 'TestStackOkta59F4D7BC',
      TrustedTokenIssuerType: 'OIDC_JWT',
      TrustedTokenIssuerConfiguration: {
        OidcJwtConfiguration: {
          IssuerUrl: 'https://example.okta.com/oauth2/default',
          ClaimAttributePath: 'email',
          IdentityStoreAttributePath: 'emails.value',
          JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
        },
      },
    });
    expect(stack.resolve(issuer.trustedTokenIssuerArn)).toEqual({ 'Fn::GetAtt': ['OktaAEAF4CA7', 'TrustedTokenIssuerArn'] });
  });

  test('takes a name, a claim mapping and tags', () => {
    const { stack, instance } = setup();
    const issuer = new TrustedTokenIssuer(stack, 'Entra', {
      instance,
      issuerUrl: 'https://login.microsoftonline.com/tenant/v2.0',
      trustedTokenIssuerName: 'entra-id',
      claimAttributePath: 'preferred_username',
      identityStoreAttributePath: 'userName',
      tags: { team: 'data' },
    });
    Tags.of(stack).add('cost-center', '42');

    synth(stack).hasResourceProperties('AWS::SSO::TrustedTokenIssuer', {
      Name: 'entra-id',
      TrustedTokenIssuerConfiguration: {
        OidcJwtConfiguration: { ClaimAttributePath: 'preferred_username', IdentityStoreAttributePath: 'userName' },
      },
      Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'data' }],
    });
    expect(issuer.trustedTokenIssuerName).toBe('entra-id');
  });

  test('acknowledges only the unknown-type finding, only on its own resource', () => {
    const { stack, instance } = setup();
    new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });

    const acknowledged = stack.node.findAll()
      .flatMap(c => c.node.metadata.filter(m => m.type === 'aws:cdk:acknowledged-rules').map(m => [c.node.path, m.data]));
    expect(acknowledged).toEqual([['TestStack/Okta/Resource', {
      'CloudFormation-Validate::F3006': expect.stringContaining('AWS::SSO::TrustedTokenIssuer is a documented CloudFormation type'),
    }]]);
  });

  test('the schema check that the acknowledgement silences is active in these tests', () => {
    const { stack } = setup();
    new CfnResource(stack, 'Bare', { type: 'AWS::SSO::TrustedTokenIssuer', properties: {} });

    expect(() => (stack.node.root as App).synth()).toThrow(/Unknown resource type 'AWS::SSO::TrustedTokenIssuer'/);
  });

  test('imports an issuer by ARN', () => {
    const stack = new Stack();
    const arn = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-12345678-1234-1234-1234-123456789012';

    const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', arn);

    expect(issuer.trustedTokenIssuerArn).toBe(arn);
    expect(issuer.env.account).toBe('111122223333');
  });

  describe('rejects', () => {
    test.each([
      ['an http issuer URL', 'http://idp.example.com', 'issuerUrl must start with https:// (got "http://idp.example.com")'],
      ['a malformed issuer URL', 'idp.example.com', 'issuerUrl must be an absolute URL (got "idp.example.com")'],
      ['an issuer URL over 512 characters', `https://idp.example.com/${'a'.repeat(500)}`, /issuerUrl must be 1 to 512 characters long, but is 524/],
    ])('%s', (_name, issuerUrl, message) => {
      const { stack, instance } = setup();
      expect(() => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl })).toThrow(message);
    });

    test.each([
      ['a name with spaces', 'my issuer', 'trustedTokenIssuerName may contain only letters, digits and _+=,.@- (got "my issuer")'],
      ['an empty name', '', /trustedTokenIssuerName must be 1 to 255 characters long, but is 0/],
      ['a name over 255 characters', 'a'.repeat(256), /trustedTokenIssuerName must be 1 to 255 characters long, but is 256/],
    ])('%s', (_name, trustedTokenIssuerName, message) => {
      const { stack, instance } = setup();
      expect(() => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com', trustedTokenIssuerName }))
        .toThrow(message);
    });

    test('a claim path that is not one to three words', () => {
      const { stack, instance } = setup();
      expect(() => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com', claimAttributePath: 'claims[0]' }))
        .toThrow('claimAttributePath must be one to three words of letters joined by "." or "_" (for example email or user_name) (got "claims[0]")');
    });

    test('an identity store path with an underscore', () => {
      const { stack, instance } = setup();
      expect(() => new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: 'https://idp.example.com', identityStoreAttributePath: 'user_name' }))
        .toThrow('identityStoreAttributePath must be one to three words of letters joined by "." (for example emails.value or userName) (got "user_name")');
    });

    test('nothing when values are tokens', () => {
      const { stack, instance } = setup();
      const url = new CfnResource(stack, 'Url', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'https://x' } }).getAtt('Value').toString();
      const issuer = new TrustedTokenIssuer(stack, 'Idp', { instance, issuerUrl: url });
      expect(issuer.issuerUrl).toBe(url);
    });
  });
});

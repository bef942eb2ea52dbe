import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as qbusiness from 'aws-cdk-lib/aws-qbusiness';
import { IdentityCenterApplication, QBusinessIdentityCenterApplication, TrustedTokenIssuer } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

describe('QBusinessIdentityCenterApplication', () => {
  test('an application of Identity Center users of the instance, exposing its Identity Center application', () => {
    const { stack, instance } = stackWithInstance();
    const app = new QBusinessIdentityCenterApplication(stack, 'Assistant', { instance, displayName: 'assistant' });
    const template = synth(stack);
    template.hasResourceProperties('AWS::QBusiness::Application', { DisplayName: 'assistant', IdentityType: 'AWS_IAM_IDC', IdentityCenterInstanceArn: INSTANCE_ARN });
    expect(stack.resolve(app.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Assistant/), 'IdentityCenterApplicationArn'] });
  });

  test('allowCustomApplication: the qbusiness scopes for this application, and the conversation actions for the role', () => {
    const { stack, instance } = stackWithInstance();
    const app = new QBusinessIdentityCenterApplication(stack, 'Assistant', { instance, displayName: 'assistant' });
    const custom = new IdentityCenterApplication(stack, 'Custom', { instance });
    const role = new iam.Role(stack, 'QueryRole', { assumedBy: new iam.AccountRootPrincipal() });
    app.allowCustomApplication(custom, role);
    const template = synth(stack);
    const target = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Assistant'), 'IdentityCenterApplicationArn'] };
    template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
      AccessScopes: [
        { Scope: 'qbusiness:conversations:access', AuthorizedTargets: [target] },
        { Scope: 'qbusiness:content:access', AuthorizedTargets: [target] },
      ],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^QueryRole') }],
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: Match.arrayWith(['qbusiness:Chat', 'qbusiness:ChatSync', 'qbusiness:SearchRelevantContent']),
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Assistant'), 'ApplicationArn'] },
        })],
      },
    });
  });

  test('a data accessor for an ISV, trusted through its token issuer', () => {
    const { stack, instance } = stackWithInstance();
    const app = new QBusinessIdentityCenterApplication(stack, 'Assistant', { instance, displayName: 'assistant' });
    const issuer = new TrustedTokenIssuer(stack, 'Isv', { instance, issuerUrl: 'https://login.isv.example.com' });
    app.addDataAccessor('Isv', { displayName: 'isv', principal: 'arn:aws:iam::444455556666:role/isv', trustedTokenIssuer: issuer });
    synth(stack).hasResourceProperties('AWS::QBusiness::DataAccessor', {
      ApplicationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Assistant'), 'ApplicationId'] },
      Principal: 'arn:aws:iam::444455556666:role/isv',
      ActionConfigurations: [{ Action: 'qbusiness:SearchRelevantContent' }],
      AuthenticationDetail: {
        AuthenticationType: 'AWS_IAM_IDC_TTI',
        AuthenticationConfiguration: { IdcTrustedTokenIssuerConfiguration: { IdcTrustedTokenIssuerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Isv'), 'TrustedTokenIssuerArn'] } } },
      },
    });
  });

  describe('rejects', () => {
    test('an application whose identity type is not Identity Center', () => {
      const { stack } = stackWithInstance();
      const saml = new qbusiness.CfnApplication(stack, 'Saml', { displayName: 'saml', identityType: 'AWS_IAM_IDP_SAML' });
      expect(() => QBusinessIdentityCenterApplication.fromCfnApplication(stack, 'Imported', saml)).toThrow(
        'TestStack/Saml: identityType must be AWS_IAM_IDC for Identity Center users and trusted identity propagation (got "AWS_IAM_IDP_SAML")');
      const noInstance = new qbusiness.CfnApplication(stack, 'NoInstance', { displayName: 'x', identityType: 'AWS_IAM_IDC' });
      expect(() => QBusinessIdentityCenterApplication.fromCfnApplication(stack, 'Imported2', noInstance)).toThrow(
        'TestStack/NoInstance: identityCenterInstanceArn is required with identityType AWS_IAM_IDC');
    });

    test('a name Q Business does not accept, and data accessor input', () => {
      const { stack, instance } = stackWithInstance();
      expect(() => new QBusinessIdentityCenterApplication(stack, 'Bad', { instance, displayName: 'my assistant' })).toThrow(
        'TestStack/Bad: displayName must start with a letter or digit and contain only letters, digits, _ and - (got "my assistant")');
      const app = new QBusinessIdentityCenterApplication(stack, 'Assistant', { instance, displayName: 'assistant' });
      const issuer = new TrustedTokenIssuer(stack, 'Isv', { instance, issuerUrl: 'https://login.isv.example.com' });
      expect(() => app.addDataAccessor('A', { displayName: 'a', principal: 'arn:aws:iam::444455556666:user/isv', trustedTokenIssuer: issuer })).toThrow(
        'TestStack/Assistant: principal must be the ARN of an IAM role (got "arn:aws:iam::444455556666:user/isv")');
      expect(() => app.addDataAccessor('B', { displayName: 'b', principal: 'arn:aws:iam::444455556666:role/isv', trustedTokenIssuer: issuer, actions: ['s3:GetObject'] }))
        .toThrow('TestStack/Assistant: actions[0] must be a Q Business action such as qbusiness:SearchRelevantContent (got "s3:GetObject")');
    });
  });
});

import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import {
  RedshiftApplicationType,
  RedshiftIdcApplication,
  TrustedTokenIssuer,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

const MANAGED_ARN = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';

const setup = stackWithInstance;

describe('RedshiftIdcApplication', () => {
  test('creates the application with a default role trusted for identity-enhanced sessions', () => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift-analytics' });

    const template = synth(stack);
    template.hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
      IdcInstanceArn: INSTANCE_ARN,
      RedshiftIdcApplicationName: 'teststackredshiftc4b36d11',
      IdcDisplayName: 'Redshift-analytics',
      IdentityNamespace: 'AWSIDC',
      IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RedshiftRole'), 'Arn'] },
      ApplicationType: Match.absent(),
      ServiceIntegrations: Match.absent(),
      AuthorizedTokenIssuerList: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { Service: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'] },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['sso:DescribeApplication', 'sso:DescribeInstance'],
          Effect: 'Allow',
          Resource: [INSTANCE_ARN, { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::*:application/ssoins-1111222233334444/*']] }],
        }]),
      },
    });
    expect(stack.resolve(app.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Redshift/), 'IdcManagedApplicationArn'] });
  });

  test('the default role may do what AWS\'s Redshift trusted identity propagation policy allows it', () => {
    const { stack, instance } = setup();
    new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift-analytics' });

    synth(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^RedshiftRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: [
            'redshift:DescribeQev2IdcApplications',
            'redshift-serverless:ListNamespaces',
            'redshift-serverless:ListWorkgroups',
            'redshift-serverless:GetWorkgroup',
          ],
          Effect: 'Allow',
          Resource: '*',
        }]),
      },
    });
  });

  test('a lakehouse application with token issuers and every integration', () => {
    const { stack, instance } = setup();
    const okta = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111122223333:role/redshift-idc');

    new RedshiftIdcApplication(stack, 'Redshift', {
      instance,
      redshiftIdcApplicationName: 'lakehouse',
      idcDisplayName: 'Lakehouse',
      identityNamespace: 'corp',
      role,
      authorizedTokenIssuers: [{ issuer: okta, audiences: ['tableau', 'dbeaver'] }],
      lakeFormationQuery: true,
      redshiftConnect: true,
      s3AccessGrants: true,
      applicationType: RedshiftApplicationType.LAKEHOUSE,
    });

    const template = synth(stack);
    template.hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
      RedshiftIdcApplicationName: 'lakehouse',
      IdentityNamespace: 'corp',
      IamRoleArn: 'arn:aws:iam::111122223333:role/redshift-idc',
      ApplicationType: 'Lakehouse',
      AuthorizedTokenIssuerList: [{
        TrustedTokenIssuerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Okta'), 'TrustedTokenIssuerArn'] },
        AuthorizedAudiencesList: ['tableau', 'dbeaver'],
      }],
      ServiceIntegrations: [
        { LakeFormation: [{ LakeFormationQuery: { Authorization: 'Enabled' } }] },
        { Redshift: [{ Connect: { Authorization: 'Enabled' } }] },
        { S3AccessGrants: [{ ReadWriteAccess: { Authorization: 'Enabled' } }] },
      ],
    });
    // The given role is used as is; nothing here needs the custom resource handler.
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('attaches to a Serverless namespace', () => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
    const namespace = new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'analytics' });

    app.attachToServerlessNamespace(namespace);

    synth(stack).hasResourceProperties('AWS::RedshiftServerless::Namespace', {
      NamespaceName: 'analytics',
      RedshiftIdcApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Redshift'), 'RedshiftIdcApplicationArn'] },
    });
  });

  test('imports an application with its attributes', () => {
    const stack = new Stack();
    const app = RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes(stack, 'Imported', {
      redshiftIdcApplicationArn: 'arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:abc',
      identityCenterApplicationArn: MANAGED_ARN,
    });

    expect(app.identityCenterApplication.applicationArn).toBe(MANAGED_ARN);
    expect(app.identityNamespace).toBeUndefined();
  });

  describe('rejects', () => {
    test.each([
      ['an upper-case name', { redshiftIdcApplicationName: 'Analytics' }, 'redshiftIdcApplicationName must be lower-case letters and digits in words joined by single hyphens, starting with a letter ([a-z][a-z0-9]*(-[a-z0-9]+)*) (got "Analytics")'],
      ['a name with a double hyphen', { redshiftIdcApplicationName: 'a--b' }, /redshiftIdcApplicationName must be lower-case letters .* \(got "a--b"\)/],
      ['a name starting with a digit', { redshiftIdcApplicationName: '1app' }, /\(got "1app"\)/],
      ['a name over 63 characters', { redshiftIdcApplicationName: 'a'.repeat(64) }, /redshiftIdcApplicationName must be 1 to 63 characters long, but is 64/],
      ['a display name with spaces', { idcDisplayName: 'My Redshift' }, 'idcDisplayName may contain only letters, digits and _+=,.@- (got "My Redshift")'],
      ['an identity namespace with a colon', { identityNamespace: 'corp:idc' }, 'identityNamespace may contain only letters, digits and _+.#@$- (got "corp:idc")'],
      ['an identity namespace with a quote', { identityNamespace: "x'y" }, /identityNamespace may contain only/],
      ['Lakehouse without Lake Formation query', { applicationType: RedshiftApplicationType.LAKEHOUSE, redshiftConnect: true },
        'applicationType Lakehouse needs both lakeFormationQuery: true (in Python: lake_formation_query=True) and redshiftConnect: true (in Python: redshift_connect=True) (got lakeFormationQuery: false, redshiftConnect: true)'],
      ['Lakehouse without Redshift connect', { applicationType: RedshiftApplicationType.LAKEHOUSE, lakeFormationQuery: true },
        'applicationType Lakehouse needs both lakeFormationQuery: true (in Python: lake_formation_query=True) and redshiftConnect: true (in Python: redshift_connect=True) (got lakeFormationQuery: true, redshiftConnect: false)'],
    ])('%s', (_name, props, message) => {
      const { stack, instance } = setup();
      expect(() => new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift', ...props })).toThrow(message);
    });

    test.each([
      ['no audiences', [], 'authorizedTokenIssuers[0].audiences must have 1 to 10 entries, but has 0'],
      ['11 audiences', Array.from({ length: 11 }, (_, i) => `a${i}`), 'authorizedTokenIssuers[0].audiences must have 1 to 10 entries, but has 11'],
    ])('a token issuer with %s', (_name, audiences, message) => {
      const { stack, instance } = setup();
      const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });
      expect(() => new RedshiftIdcApplication(stack, 'Redshift', {
        instance, idcDisplayName: 'Redshift', authorizedTokenIssuers: [{ issuer, audiences }],
      })).toThrow(message);
    });
  });
});

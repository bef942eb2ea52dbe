import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  RedshiftApplicationType,
  RedshiftClusterIdentityProvider,
  RedshiftIdcApplication,
  RedshiftQueryEditorApplication,
  TrustedTokenIssuer,
} from '../../src';
import { INSTANCE_ARN, stackWithInstance, synth } from '../util/synth';

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
        'applicationType Lakehouse needs both lakeFormationQuery and redshiftConnect set to true (got lakeFormationQuery: false, redshiftConnect: true)'],
      ['Lakehouse without Redshift connect', { applicationType: RedshiftApplicationType.LAKEHOUSE, lakeFormationQuery: true },
        'applicationType Lakehouse needs both lakeFormationQuery and redshiftConnect set to true (got lakeFormationQuery: true, redshiftConnect: false)'],
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

describe('RedshiftClusterIdentityProvider', () => {
  test('runs the identity provider statement with the admin secret and least privilege', () => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift', identityNamespace: 'corp' });
    const secret = new secretsmanager.Secret(stack, 'Admin');

    const idp = new RedshiftClusterIdentityProvider(stack, 'ClusterIdp', {
      application: app, clusterIdentifier: 'analytics-cluster', adminSecret: secret, identityProviderName: 'corp-idc',
    });

    const template = synth(stack);
    template.hasResourceProperties('Custom::RedshiftIdentityProvider', {
      ClusterIdentifier: 'analytics-cluster',
      Database: 'dev',
      SecretArn: { Ref: Match.stringLikeRegexp('^Admin') },
      IdentityProviderName: 'corp-idc',
      Namespace: 'corp',
      ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Redshift'), 'IdcManagedApplicationArn'] },
      IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RedshiftRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('TrustedIdentityPropagationProviderHandlerServiceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'redshift-data:ExecuteStatement',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':redshift:us-east-1:111122223333:cluster:analytics-cluster']] },
          },
          { Action: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'], Effect: 'Allow', Resource: '*' },
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: Match.stringLikeRegexp('^Admin') } }),
        ]),
      },
    });
    expect(idp.identityProviderName).toBe('corp-idc');
  });

  test('reads a secret known by name (any of the six characters Secrets Manager appends) and decrypts one with its own key through Secrets Manager only', () => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift', identityNamespace: 'corp' });
    new RedshiftClusterIdentityProvider(stack, 'ByName', {
      application: app, clusterIdentifier: 'c1', adminSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'Named', 'redshift/admin'),
    });
    const key = new kms.Key(stack, 'Key');
    new RedshiftClusterIdentityProvider(stack, 'Encrypted', {
      application: app, clusterIdentifier: 'c2', adminSecret: new secretsmanager.Secret(stack, 'Admin', { encryptionKey: key }),
    });

    const template = synth(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:111122223333:secret:redshift/admin-??????']] },
        }]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'kms:Decrypt',
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
        }]),
      },
    });
  });

  test('refuses an imported application without namespace and role', () => {
    const { stack } = setup();
    const app = RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes(stack, 'Imported', {
      redshiftIdcApplicationArn: 'arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:abc',
      identityCenterApplicationArn: MANAGED_ARN,
    });
    expect(() => new RedshiftClusterIdentityProvider(stack, 'Idp', {
      application: app, clusterIdentifier: 'c1', adminSecret: new secretsmanager.Secret(stack, 'S'),
    })).toThrow('TestStack/Idp: application TestStack/Imported was imported without identityNamespace and role; pass both to RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes to attach it to a cluster');
  });

  test.each([
    ['a cluster identifier with upper case', { clusterIdentifier: 'Analytics' }, /clusterIdentifier must be lower-case letters/],
    ['a provider name with a quote', { identityProviderName: 'corp"idc' }, 'identityProviderName may contain only letters, digits, _ and - (got "corp\\"idc")'],
    ['a database with a semicolon', { database: 'dev;drop' }, /database must be a Redshift database name/],
  ])('rejects %s', (_name, props, message) => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
    expect(() => new RedshiftClusterIdentityProvider(stack, 'Idp', {
      application: app, clusterIdentifier: 'c1', adminSecret: new secretsmanager.Secret(stack, 'S'), ...props,
    })).toThrow(message);
  });

  test('accepts a cluster identifier known only at deploy time', () => {
    const { stack, instance } = setup();
    const app = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
    new RedshiftClusterIdentityProvider(stack, 'Idp', {
      application: app, clusterIdentifier: new CfnParameter(stack, 'Cluster').valueAsString, adminSecret: new secretsmanager.Secret(stack, 'S'),
    });
    synth(stack).hasResourceProperties('Custom::RedshiftIdentityProvider', { ClusterIdentifier: { Ref: 'Cluster' } });
  });
});

describe('RedshiftQueryEditorApplication', () => {
  test('creates the Query Editor v2 application and exposes its managed application', () => {
    const { stack, instance } = setup();
    const qev2 = new RedshiftQueryEditorApplication(stack, 'QueryEditor', { instance, idcDisplayName: 'QueryEditorV2', queryEditorApplicationName: 'qev2' });

    synth(stack).hasResourceProperties('AWS::Redshift::QEV2IdcApplication', {
      IdcInstanceArn: INSTANCE_ARN, Qev2IdcApplicationName: 'qev2', IdcDisplayName: 'QueryEditorV2',
    });
    expect(stack.resolve(qev2.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^QueryEditor/), 'IdcManagedApplicationArn'] });
  });

  test('rejects an invalid name', () => {
    const { stack, instance } = setup();
    expect(() => new RedshiftQueryEditorApplication(stack, 'QueryEditor', { instance, idcDisplayName: 'Q', queryEditorApplicationName: 'Q_E' }))
      .toThrow(/queryEditorApplicationName must be lower-case letters/);
  });
});

import { CfnParameter } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  RedshiftClusterIdentityProvider,
  RedshiftIdcApplication,
} from '../../src';
import { stackWithInstance, synth } from '../util/synth';

const MANAGED_ARN = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';

const setup = stackWithInstance;

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
    })).toThrow('TestStack/Idp: application TestStack/Imported was imported without identityNamespace and role; pass both to RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes() (in Python: RedshiftIdcApplication.from_redshift_idc_application_attributes()) to attach it to a cluster');
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

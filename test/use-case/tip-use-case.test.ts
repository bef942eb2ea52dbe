import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  ClientApplication,
  ClientApplicationKind,
  DataAuthorization,
  DataAuthorizationKind,
  IdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  QueryService,
  QueryServiceKind,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
  TipUseCase,
  TrustedTokenIssuer,
} from '../../src';
import { GROUP_ID, INSTANCE_ARN, USER_ID } from '../util/fixtures';
import { synth, testStack } from '../util/synth';
import { Answers, build } from '../util/use-case';

const CUSTOM = ClientApplicationKind.CUSTOM_APPLICATION;
const QEV2 = ClientApplicationKind.REDSHIFT_QUERY_EDITOR;
const ATHENA = QueryServiceKind.ATHENA;
const REDSHIFT = QueryServiceKind.REDSHIFT;
const LF = DataAuthorizationKind.LAKE_FORMATION;
const LF_S3AG = DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS;

const supported = TipUseCase.supportedCombinations();
/** The rows whose query service is Redshift or Athena; EMR and Glue rows have their own tests (tip-use-case.emr-glue.test.ts). */
const sqlRows = supported.filter(s => s.queryService === REDSHIFT || s.queryService === ATHENA);
const all: Answers[] = Object.values(ClientApplicationKind).flatMap(client => Object.values(QueryServiceKind).flatMap(query =>
  Object.values(DataAuthorizationKind).map(authorization => ({ client, query, authorization }))));
const isSupported = (a: Answers) =>
  supported.some(s => s.clientApplication === a.client && s.queryService === a.query && s.authorization === a.authorization);

describe('TipUseCase', () => {
  test('the support matrix has the documented combinations', () => {
    expect(supported.map(s => `${s.clientApplication} | ${s.queryService} | ${s.authorization}`)).toEqual([
      'QuickSight | Redshift | Redshift roles',
      'QuickSight | Redshift | Lake Formation',
      'QuickSight | Athena | Lake Formation + S3 Access Grants',
      'Redshift Query Editor v2 | Redshift | Redshift roles',
      'Redshift Query Editor v2 | Redshift | Lake Formation',
      'Custom application | Redshift | Redshift roles',
      'Custom application | Redshift | Lake Formation',
      'Custom application | Athena | Lake Formation + S3 Access Grants',
      'EMR Studio | EMR on EC2 | Lake Formation',
      'EMR Studio | EMR on EC2 | S3 Access Grants',
      'EMR Studio | EMR on EC2 | Lake Formation + S3 Access Grants',
      'EMR Studio | Athena | Lake Formation + S3 Access Grants',
      'Custom application | EMR Serverless | Lake Formation',
      'Custom application | EMR Serverless | S3 Access Grants',
      'Custom application | EMR Serverless | Lake Formation + S3 Access Grants',
      'Custom application | Glue interactive sessions | Lake Formation',
      'Custom application | Glue interactive sessions | S3 Access Grants',
      'Custom application | Glue interactive sessions | Lake Formation + S3 Access Grants',
      'SQL and BI clients | Athena | Lake Formation + S3 Access Grants',
      'SQL and BI clients | Redshift | Redshift roles',
      'SQL and BI clients | Redshift | Lake Formation',
      'Transfer Family web app | S3 | S3 Access Grants',
      'Custom application | S3 | S3 Access Grants',
    ]);
  });

  test('the README\'s "What AWS supports" table is the support matrix', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### What AWS supports'), readme.indexOf('\n## ', readme.indexOf('### What AWS supports')));
    const rows = section.split('\n').filter(line => line.startsWith('| ') && !line.startsWith('| client application')).map(line =>
      line.split('|').slice(1, -1).map(cell => cell.trim().replace(/`/g, '')));
    expect(rows).toEqual(supported.map(s => [s.clientApplication, s.queryService, s.authorization, s.conditions]));
  });

  describe.each(sqlRows.map(s => [`${s.clientApplication} → ${s.queryService} → ${s.authorization}`, s] as const))('%s', (_name, row) => {
    const stack = testStack();
    const useCase = build(stack, { client: row.clientApplication, query: row.queryService, authorization: row.authorization });
    const template = synth(stack);
    const usesLakeFormation = row.authorization !== DataAuthorizationKind.REDSHIFT_ROLES;
    const usesAccessGrants = row.authorization === DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS;

    test('creates the query service with the integrations the authorization needs', () => {
      if (row.queryService === QueryServiceKind.REDSHIFT) {
        template.hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
          ServiceIntegrations: [
            ...(usesLakeFormation ? [{ LakeFormation: [{ LakeFormationQuery: { Authorization: 'Enabled' } }] }] : []),
            { Redshift: [{ Connect: { Authorization: 'Enabled' } }] },
          ],
        });
        template.hasResourceProperties('AWS::RedshiftServerless::Namespace', {
          RedshiftIdcApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UseCaseRedshift'), 'RedshiftIdcApplicationArn'] },
        });
      } else {
        template.hasResource('Custom::AthenaIdentityCenterWorkGroup', {
          DependsOn: Match.arrayWith([Match.stringLikeRegexp('^UseCaseLakeFormation'), Match.stringLikeRegexp('^UseCaseS3AccessGrants')]),
        });
        template.hasResourceProperties('AWS::S3::AccessGrantsLocation', {
          LocationScope: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Results') }, '/athena-results/']] },
        });
      }
    });

    test('creates the authorization services and nothing else', () => {
      template.resourceCountIs('Custom::LakeFormationIdentityCenterConfiguration', usesLakeFormation ? 1 : 0);
      template.resourceCountIs('AWS::S3::AccessGrantsInstance', usesAccessGrants ? 1 : 0);
      if (usesLakeFormation) {
        template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', { RedshiftConnect: row.queryService === QueryServiceKind.REDSHIFT });
      }
    });

    test('wires the client to the query service', () => {
      const service = row.queryService === QueryServiceKind.REDSHIFT
        ? { pattern: '^UseCaseRedshift', attribute: 'IdcManagedApplicationArn', scope: 'redshift:connect' }
        : { pattern: '^UseCaseAthenaWorkGroup', attribute: 'IdentityCenterApplicationArn', scope: 'athena:workgroup:read_write' };
      const target = { 'Fn::GetAtt': [Match.stringLikeRegexp(service.pattern), service.attribute] };
      switch (row.clientApplication) {
        case ClientApplicationKind.QUICKSIGHT:
          template.hasResourceProperties('Custom::QuickSightIdentityPropagation', {
            Service: row.queryService.toUpperCase(), AuthorizedTargets: [target],
          });
          break;
        case ClientApplicationKind.REDSHIFT_QUERY_EDITOR:
          template.resourceCountIs('AWS::Redshift::QEV2IdcApplication', 1);
          break;
        case ClientApplicationKind.SQL_CLIENTS:
          if (row.queryService === REDSHIFT) {
            // The drivers present the identity provider's token to Redshift itself.
            template.hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
              AuthorizedTokenIssuerList: [{
                TrustedTokenIssuerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UseCaseTrustedTokenIssuer'), 'TrustedTokenIssuerArn'] },
                AuthorizedAudiencesList: ['sql-clients'],
              }],
            });
          } else {
            template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
              AccessScopes: [Match.objectLike({ Scope: service.scope, AuthorizedTargets: [target] }), Match.anyValue(), Match.anyValue()],
            });
          }
          break;
        case ClientApplicationKind.EMR_STUDIO:
          // Users query Athena from the Studio as themselves: its session policy allows the
          // workgroup and the data access, and the user role holds the same policy.
          template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
            PolicyDocument: {
              Statement: Match.arrayWith([
                Match.objectLike({ Action: Match.arrayWith(['athena:StartQueryExecution', 'athena:GetQueryResults']) }),
                Match.objectLike({ Action: 'lakeformation:GetDataAccess', Resource: '*' }),
                Match.objectLike({ Action: ['s3:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix'] }),
              ]),
            },
          });
          template.hasResourceProperties('AWS::IAM::Role', {
            Description: Match.stringLikeRegexp('^EMR Studio user role'),
            ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^StudioSessionPolicy') }],
          });
          break;
        case ClientApplicationKind.CUSTOM_APPLICATION:
          template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
            Grants: [Match.objectLike({ GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' })],
            AuthenticationMethods: [Match.objectLike({ AuthenticationMethodType: 'IAM' })],
            AccessScopes: [
              { Scope: service.scope, AuthorizedTargets: [target] },
              ...(usesLakeFormation ? [{
                Scope: 'lakeformation:query',
                AuthorizedTargets: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^UseCaseLakeFormation'), 'ApplicationArn'] }],
              }] : []),
              ...(usesAccessGrants ? [{ Scope: 's3:access_grants:read_write' }] : []),
            ],
          });
          // The backend may assume the query role with an Identity Center context only.
          template.hasResourceProperties('AWS::IAM::Role', {
            AssumeRolePolicyDocument: {
              Statement: [{
                Action: ['sts:AssumeRole', 'sts:SetContext'],
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Backend'), 'Arn'] } },
                Condition: {
                  'ForAllValues:ArnEquals': {
                    'sts:RequestContextProviders': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:contextProvider/IdentityCenter']] },
                  },
                },
              }],
            },
          });
          expect(useCase.queryRole).toBeDefined();
          break;
      }
    });

    test('draws its trust chain', () => {
      const diagram = useCase.toMermaid();
      expect(diagram.startsWith('flowchart LR\n')).toBe(true);
      expect(diagram).toContain(`{{"${row.authorization}"}}`);
      expect(diagram).toMatch(row.queryService === QueryServiceKind.REDSHIFT ? /-->\|"[^"]+"\| redshift\[\("Redshift/ : /-->\|"[^"]+"\| athena\[\("Athena workgroup wg"\)\]/);
    });
  });

  describe.each(sqlRows.map(s => [`${s.clientApplication} → ${s.queryService} → ${s.authorization}`, s] as const))('%s: allowGroup and allowUser', (_name, row) => {
    test('assign where the chain requires assignment, and grant Athena users their results', () => {
      const stack = testStack();
      const useCase = build(stack, { client: row.clientApplication, query: row.queryService, authorization: row.authorization });
      const [group, user] = [GROUP_ID, USER_ID];
      useCase.allowGroup(group);
      useCase.allowUser(user);

      const template = synth(stack);
      const assigned = [
        ...(row.clientApplication === CUSTOM || (row.clientApplication === ClientApplicationKind.SQL_CLIENTS && row.queryService === ATHENA)
          ? [['^UseCaseApplication', 'ApplicationArn']] : []),
        ...(row.clientApplication === QEV2 ? [['^UseCaseQueryEditor', 'IdcManagedApplicationArn']] : []),
        ...(row.queryService === ATHENA ? [['^UseCaseAthenaWorkGroup', 'IdentityCenterApplicationArn']] : []),
      ];
      template.resourceCountIs('AWS::SSO::ApplicationAssignment', assigned.length * 2);
      for (const [pattern, attribute] of assigned) {
        for (const [PrincipalType, PrincipalId] of [['GROUP', group], ['USER', user]]) {
          template.hasResourceProperties('AWS::SSO::ApplicationAssignment', {
            PrincipalType, PrincipalId, ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(pattern), attribute] },
          });
        }
      }
      template.resourceCountIs('AWS::S3::AccessGrant', row.queryService === ATHENA ? 2 : 0);
      if (row.queryService === ATHENA) {
        template.hasResourceProperties('AWS::S3::AccessGrant', {
          AccessGrantsLocationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UseCaseS3AccessGrantsAthenaResults'), 'AccessGrantsLocationId'] },
          Grantee: { GranteeType: 'DIRECTORY_GROUP', GranteeIdentifier: group },
          Permission: 'READWRITE',
        });
        // A user gets only the prefix the workgroup writes their results to.
        template.hasResourceProperties('AWS::S3::AccessGrant', {
          Grantee: { GranteeType: 'DIRECTORY_USER', GranteeIdentifier: user },
          Permission: 'READWRITE',
          AccessGrantsLocationConfiguration: { S3SubPrefix: `${user}/*` },
        });
      }
    });
  });

  test.each([
    [{ client: CUSTOM, query: ATHENA, authorization: LF_S3AG }, ['LakeFormation', 'S3AccessGrants', 'AthenaWorkGroup', 'TrustedTokenIssuer', 'Application', 'QueryRole']],
    [{ client: ClientApplicationKind.QUICKSIGHT, query: REDSHIFT, authorization: DataAuthorizationKind.REDSHIFT_ROLES }, ['Redshift', 'QuickSightToRedshift']],
    [{ client: ClientApplicationKind.QUICKSIGHT, query: ATHENA, authorization: LF_S3AG }, ['LakeFormation', 'S3AccessGrants', 'AthenaWorkGroup', 'QuickSightToAthena']],
    [{ client: QEV2, query: REDSHIFT, authorization: LF }, ['LakeFormation', 'Redshift', 'QueryEditor']],
  ])('its parts are children with ids you can find: %j', (answers, ids) => {
    const stack = testStack();
    const useCase = build(stack, answers);
    // The ids are API: README tells users to reach the parts with useCase.node.findChild(id).
    expect(useCase.node.children.map(child => child.node.id)).toEqual(ids);
  });

  test('draws the custom application chain from the identity provider to the authorization', () => {
    const stack = testStack();
    const useCase = build(stack, { client: CUSTOM, query: ATHENA, authorization: LF_S3AG });

    expect(useCase.toMermaid()).toBe([
      'flowchart LR',
      '  idp[/"Identity provider https://example.okta.com/oauth2/default"/]',
      '  tti["Trusted token issuer TestStackUseCaseTrustedTokenIssuerD6AA4C8A"]',
      '  client(["Custom application TestStackUseCaseApplicationEAAEFBCF"])',
      '  backend{{"Application backend: CreateTokenWithIAM, then AssumeRole with the user context"}}',
      '  idp -->|"user token"| tti',
      '  tti -->|"jwt-bearer, aud web"| client',
      '  client --> backend',
      '  backend -->|"athena:workgroup:read_write, lakeformation:query, s3:access_grants:read_write"| athena[("Athena workgroup wg")]',
      '  athena -->|"authorized by"| auth{{"Lake Formation + S3 Access Grants"}}',
      '',
    ].join('\n'));
  });

  test('takes an existing trusted token issuer and a Redshift application of yours', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });
    const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift', lakeFormationQuery: true, redshiftConnect: true });

    const useCase = new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.customApplication({ trustedTokenIssuer: issuer, audiences: ['web'], backend: new iam.AccountPrincipal('444455556666') }),
      queryServices: [QueryService.redshiftApplication(redshift)],
      authorization: DataAuthorization.lakeFormation(),
    });

    const template = synth(stack);
    template.resourceCountIs('AWS::SSO::TrustedTokenIssuer', 1);
    template.resourceCountIs('AWS::Redshift::RedshiftIdcApplication', 1);
    template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
      AccessScopes: Match.arrayWith([{
        Scope: 'redshift:connect',
        AuthorizedTargets: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Redshift'), 'IdcManagedApplicationArn'] }],
      }]),
    });
    expect(useCase.trustedTokenIssuer).toBe(issuer);
  });

  test('takes a Redshift application imported from another stack', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const managed = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
    const redshift = RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes(stack, 'Redshift', {
      redshiftIdcApplicationArn: 'arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:abc',
      identityCenterApplicationArn: managed,
    });
    new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.quickSight(),
      queryServices: [QueryService.redshiftApplication(redshift)],
      authorization: DataAuthorization.lakeFormation(),
    });

    const template = synth(stack);
    template.resourceCountIs('AWS::Redshift::RedshiftIdcApplication', 0);
    template.hasResourceProperties('Custom::QuickSightIdentityPropagation', { Service: 'REDSHIFT', AuthorizedTargets: [managed] });
  });

  describe('in an account that already has the pieces', () => {
    const LAKE_FORMATION_APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444';

    test('uses pieces made elsewhere instead of creating them', () => {
      const stack = testStack();
      const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
      const lakeFormation = LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'Platform', {
        identityCenterApplicationArn: LAKE_FORMATION_APP,
      });
      const s3AccessGrants = S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'PlatformGrants', 'arn:aws:s3:us-east-1:111122223333:access-grants/default');
      new TipUseCase(stack, 'UseCase', {
        instance,
        clientApplication: ClientApplication.customApplication({ issuerUrl: 'https://idp.example.com', audiences: ['web'], backend: new iam.AccountPrincipal('444455556666') }),
        queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results') })],
        authorization: DataAuthorization.lakeFormationAndS3AccessGrants({ lakeFormation, s3AccessGrants }),
      });

      const template = synth(stack);
      template.resourceCountIs('Custom::LakeFormationIdentityCenterConfiguration', 0);
      template.resourceCountIs('AWS::S3::AccessGrantsInstance', 0);
      template.resourceCountIs('Custom::S3AccessGrantsIdentityCenter', 0);
      template.resourceCountIs('AWS::S3::AccessGrantsLocation', 1);
      template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
        AccessScopes: Match.arrayWith([{ Scope: 'lakeformation:query', AuthorizedTargets: [LAKE_FORMATION_APP] }]),
      });
    });

    test('takes over the account\'s own pieces when told to', () => {
      const stack = testStack();
      new TipUseCase(stack, 'UseCase', {
        instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
        clientApplication: ClientApplication.quickSight({ adoptExisting: true }),
        queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results') })],
        authorization: DataAuthorization.lakeFormationAndS3AccessGrants({ adoptLakeFormation: true, useExistingS3AccessGrantsInstance: true }),
      });

      const template = synth(stack);
      template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', { AdoptExisting: true });
      template.hasResourceProperties('Custom::QuickSightIdentityPropagation', { Service: 'ATHENA', AdoptExisting: true });
      template.resourceCountIs('AWS::S3::AccessGrantsInstance', 0);
      template.hasResourceProperties('Custom::S3AccessGrantsIdentityCenter', { IdentityCenterInstanceArn: INSTANCE_ARN });
    });

    test('refuses both using and adopting the same piece', () => {
      const stack = testStack();
      const lakeFormation = LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'Platform', {
        identityCenterApplicationArn: LAKE_FORMATION_APP,
      });
      expect(() => DataAuthorization.lakeFormation({ lakeFormation, adoptLakeFormation: true })).toThrow(
        'DataAuthorization: pass lakeFormation (in Python: lake_formation) to use one made elsewhere, '
        + 'or adoptLakeFormation (in Python: adopt_lake_formation) to create one that adopts, not both');
      const s3AccessGrants = S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'Grants', 'arn:aws:s3:us-east-1:111122223333:access-grants/default');
      expect(() => DataAuthorization.s3AccessGrants({ s3AccessGrants, useExistingS3AccessGrantsInstance: true })).toThrow(/not both/);
      expect(() => DataAuthorization.s3AccessGrants({ adoptLakeFormation: true })).toThrow(
        'DataAuthorization.s3AccessGrants: adoptLakeFormation does not apply: this authorization has no such piece');
      expect(() => DataAuthorization.lakeFormation({ s3AccessGrants, useExistingS3AccessGrantsInstance: true })).toThrow(
        'DataAuthorization.lakeFormation: s3AccessGrants and useExistingS3AccessGrantsInstance do not apply');
    });
  });

  test('connects a provisioned cluster through its identity provider', () => {
    const stack = testStack();
    new TipUseCase(stack, 'UseCase', {
      instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      clientApplication: ClientApplication.redshiftQueryEditor({ idcDisplayName: 'QEv2' }),
      queryServices: [QueryService.redshiftCluster({
        clusterIdentifier: 'finance', adminSecret: new secretsmanager.Secret(stack, 'Admin'), identityNamespace: 'finance',
      })],
      authorization: DataAuthorization.redshiftRoles(),
    });

    const template = synth(stack);
    template.hasResourceProperties('Custom::RedshiftIdentityProvider', { ClusterIdentifier: 'finance', Namespace: 'finance' });
    template.hasResourceProperties('AWS::Redshift::QEV2IdcApplication', { IdcDisplayName: 'QEv2' });
  });

  describe('rejects', () => {
    test.each(all.filter(a => !isSupported(a)).map(a => [`${a.client} → ${a.query} → ${a.authorization}`, a] as const))('%s', (_name, answers) => {
      const stack = new Stack();
      const missingPrerequisite = answers.query === QueryServiceKind.ATHENA
        && (answers.authorization === DataAuthorizationKind.LAKE_FORMATION || answers.authorization === DataAuthorizationKind.S3_ACCESS_GRANTS);
      const studioOnServerless = answers.client === ClientApplicationKind.EMR_STUDIO && answers.query === QueryServiceKind.EMR_SERVERLESS;
      expect(() => build(stack, answers)).toThrow(studioOnServerless
        ? /^Default\/UseCase: AWS does not support "EMR Studio" → "EMR Serverless" → .*: EMR Serverless propagates identities only for interactive sessions through its Livy endpoint, not for EMR Studio's\. Nearest supported: "EMR Studio" → "EMR on EC2" → .*, or "Custom application" → "EMR Serverless" → /
        : missingPrerequisite
          ? /^Default\/UseCase: Athena with trusted identity propagation needs Lake Formation and S3 Access Grants; .* is missing\. Use DataAuthorization.lakeFormationAndS3AccessGrants\(\) \(in Python: DataAuthorization.lake_formation_and_s3_access_grants\(\)\)$/
          : new RegExp(`^Default/UseCase: AWS does not support "${answers.client}" → "${answers.query}" → "${answers.authorization}" with trusted identity propagation\\. Nearest supported: "`
            .replace(/\+/g, '\\+')));
      // Nothing was created.
      expect(stack.node.tryFindChild('UseCase')?.node.children ?? []).toEqual([]);
    });

    test('names the nearest supported combination, by shared services', () => {
      expect(() => build(new Stack(), { client: CUSTOM, query: REDSHIFT, authorization: LF_S3AG }))
        .toThrow('Nearest supported: "Custom application" → "Redshift" → "Lake Formation" (scopes redshift:connect and lakeformation:query)');
      expect(() => build(new Stack(), { client: QEV2, query: ATHENA, authorization: LF_S3AG }))
        .toThrow('Default/UseCase: AWS does not support "Redshift Query Editor v2" → "Athena" → "Lake Formation + S3 Access Grants" with trusted identity propagation. '
          + 'Nearest supported: "QuickSight" → "Athena" → "Lake Formation + S3 Access Grants" (one region and one instance; SPICE, custom SQL, alerts and exports off)');
    });

    test('Athena with Lake Formation only, naming S3 Access Grants', () => {
      expect(() => build(new Stack(), { client: CUSTOM, query: ATHENA, authorization: LF }))
        .toThrow('Default/UseCase: Athena with trusted identity propagation needs Lake Formation and S3 Access Grants; S3 Access Grants (it serves each user their query results) is missing. Use DataAuthorization.lakeFormationAndS3AccessGrants() (in Python: DataAuthorization.lake_formation_and_s3_access_grants())');
    });

    test('Redshift with Lake Formation authorization but no lakeFormationQuery integration', () => {
      const stack = new Stack();
      const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
      const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
      expect(() => new TipUseCase(stack, 'UseCase', {
        instance,
        clientApplication: ClientApplication.quickSight(),
        queryServices: [QueryService.redshiftApplication(redshift)],
        authorization: DataAuthorization.lakeFormation(),
      })).toThrow('Default/UseCase: Redshift with Lake Formation authorization needs the Lake Formation query integration, but Default/Redshift has it off; '
        + 'set lakeFormationQuery: true (in Python: lake_formation_query=True) and redshiftConnect: true (in Python: redshift_connect=True) on it');
    });

    test('no query service, or the same one twice', () => {
      const stack = new Stack();
      const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
      const props = { instance, clientApplication: ClientApplication.quickSight(), authorization: DataAuthorization.redshiftRoles() };
      const ns = new redshiftserverless.CfnNamespace(stack, 'Ns', { namespaceName: 'sales' });
      expect(() => new TipUseCase(stack, 'A', { ...props, queryServices: [] })).toThrow('Default/A: queryServices must name at least one query service');
      expect(() => new TipUseCase(stack, 'B', { ...props, queryServices: [QueryService.redshiftServerless({ namespace: ns }), QueryService.redshiftServerless({ namespace: ns })] }))
        .toThrow('Default/B: queryServices lists Redshift more than once; use one TipUseCase per Redshift');
    });

    test('a custom application with both or neither of issuer and issuer URL', () => {
      const backend = new iam.AccountPrincipal('444455556666');
      expect(() => ClientApplication.customApplication({ audiences: ['web'], backend }))
        .toThrow('ClientApplication.customApplication: needs exactly one of trustedTokenIssuer and issuerUrl (got neither)');
      const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(new Stack(), 'I', 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-1');
      expect(() => ClientApplication.customApplication({ audiences: ['web'], backend, trustedTokenIssuer: issuer, issuerUrl: 'https://x' }))
        .toThrow('(got both)');
      expect(() => ClientApplication.customApplication({ audiences: [], backend, issuerUrl: 'https://x' }))
        .toThrow('ClientApplication.customApplication: audiences must have 1 to 10 entries, but has 0');
    });
  });
});

test.each([CUSTOM, ClientApplicationKind.SQL_CLIENTS])('the %s query role may query only the chosen services, and SQL clients browse them', client => {
  const stack = testStack();
  build(stack, { client, query: ATHENA, authorization: LF_S3AG });
  const browsing = client === CUSTOM ? [] : [
    'athena:GetDataCatalog', 'athena:GetDatabase', 'athena:GetTableMetadata', 'athena:ListDataCatalogs', 'athena:ListDatabases',
    'athena:ListTableMetadata', 'athena:ListWorkGroups',
  ];
  const template = synth(stack);
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^UseCaseQueryRole') }] } });
  const actions = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
  expect(actions.sort()).toEqual([
    // Querying in the workgroup.
    'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup', 'athena:StartQueryExecution', 'athena:StopQueryExecution',
    // Browsing: a SQL client's database tree.
    ...browsing,
    // The table definitions Athena reads as the caller.
    'glue:BatchGetPartition', 'glue:GetCatalog', 'glue:GetCatalogs', 'glue:GetDatabase', 'glue:GetDatabases', 'glue:GetPartition',
    'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables',
    // The data, as the user.
    'lakeformation:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix', 's3:GetDataAccess',
  ].sort());
});

import { Stack, Tags, Token } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ClientApplication,
  ClientApplicationKind,
  DataAuthorization,
  DataAuthorizationKind,
  IdentityCenterInstance,
  QueryService,
  QueryServiceKind,
  RedshiftIdcApplication,
  SqlClientsOptions,
  TipUseCase,
  TrustedTokenIssuer,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { synth, testStack } from '../util/synth';
import { build } from '../util/use-case';

const ISSUER = 'https://login.example.com/realms/analytics';
const SQL = ClientApplicationKind.SQL_CLIENTS;
const getAtt = (pattern: string, attribute: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(pattern), attribute] });

/** SQL clients on Athena, with `options` changed. */
function athenaUseCase(options: Partial<SqlClientsOptions> = {}, setup: (stack: Stack) => Partial<SqlClientsOptions> = () => ({})): Stack {
  const stack = testStack();
  new TipUseCase(stack, 'UseCase', {
    instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
    clientApplication: ClientApplication.sqlClients({ issuerUrl: ISSUER, audiences: ['sql-clients', 'tableau'], ...options, ...setup(stack) }),
    queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results'), workGroupName: 'analysts' })],
    authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
  });
  return stack;
}

describe('SQL and BI clients → Athena', () => {
  const template = synth(athenaUseCase());

  test('the customer managed application: jwt-bearer from the issuer, refresh tokens, the application role as its IAM actor, the three scopes', () => {
    template.hasResourceProperties('AWS::SSO::TrustedTokenIssuer', {
      TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: Match.objectLike({ IssuerUrl: ISSUER }) },
    });
    template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
      Grants: [
        {
          GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          Grant: {
            JwtBearer: {
              AuthorizedTokenIssuers: [
                { TrustedTokenIssuerArn: getAtt('^UseCaseTrustedTokenIssuer', 'TrustedTokenIssuerArn'), AuthorizedAudiences: ['sql-clients', 'tableau'] },
              ],
            },
          },
        },
        { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
      ],
      AuthenticationMethods: [Match.objectLike({
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: {
          Iam: {
            ActorPolicy: Match.objectLike({
              Statement: [Match.objectLike({ Principal: { AWS: getAtt('^UseCaseApplicationRole', 'Arn') }, Action: 'sso-oauth:CreateTokenWithIAM' })],
            }),
          },
        },
      })],
      AccessScopes: [
        { Scope: 'athena:workgroup:read_write', AuthorizedTargets: [getAtt('^UseCaseAthenaWorkGroup', 'IdentityCenterApplicationArn')] },
        { Scope: 'lakeformation:query', AuthorizedTargets: [getAtt('^UseCaseLakeFormation', 'ApplicationArn')] },
        { Scope: 's3:access_grants:read_write' },
      ],
    });
  });

  test('the IAM OIDC provider and the application role, assumed with a token of the clients\' audiences only', () => {
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: ISSUER, ClientIdList: ['sql-clients', 'tableau'] });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: { Ref: Match.stringLikeRegexp('^UseCaseOidcProvider') } },
          Condition: { StringEquals: { 'login.example.com/realms/analytics:aud': ['sql-clients', 'tableau'] } },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^UseCaseApplicationRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['sts:AssumeRole', 'sts:SetContext'], Effect: 'Allow', Resource: getAtt('^UseCaseQueryRole', 'Arn') },
          {
            Action: 'athena:ListTagsForResource',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':athena:us-east-1:111122223333:workgroup/analysts']] },
          },
          { Action: 'sso:ListTagsForResource', Effect: 'Allow', Resource: [INSTANCE_ARN, getAtt('^UseCaseApplication', 'ApplicationArn')] },
        ]),
      },
    });
  });

  test('the access role: the application role may assume it with an Identity Center context only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('access role'),
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:SetContext'],
          Effect: 'Allow',
          Principal: { AWS: getAtt('^UseCaseApplicationRole', 'Arn') },
          Condition: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': Match.anyValue() } },
        }],
      },
    });
  });

  test('the AthenaDriverOidcAppArn tags: the access role on the application, the application on the workgroup', () => {
    template.hasResourceProperties('AWS::SSO::Application', { Tags: [{ Key: 'AthenaDriverOidcAppArn', Value: getAtt('^UseCaseQueryRole', 'Arn') }] });
    template.hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', {
      Tags: [{ Key: 'AthenaDriverOidcAppArn', Value: getAtt('^UseCaseApplication', 'ApplicationArn') }],
    });
  });

  test('outputs what users paste into the drivers, and whole connection strings', () => {
    const outputs = template.toJSON().Outputs;
    const byId = (prefix: string) => Object.entries<any>(outputs).find(([id]) => id.startsWith(`UseCase${prefix}`))![1].Value;
    const workGroupArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':athena:us-east-1:111122223333:workgroup/analysts']] };
    expect(byId('AthenaWorkGroupArn')).toEqual(workGroupArn);
    expect(byId('AthenaApplicationRoleArn')).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^UseCaseApplicationRole/), 'Arn'] });
    expect(byId('IdpWellKnownConfigurationUrl')).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(byId('AthenaRegion')).toBe('us-east-1');
    const jdbc = JSON.stringify(byId('AthenaJdbcUrl'));
    expect(jdbc).toContain('"jdbc:athena://Region=us-east-1;Workgroup=analysts;OutputLocation=s3://",{"Ref":');
    expect(jdbc).toContain('"/athena-results/;CredentialsProvider=BrowserOidcTip;');
    expect(jdbc).toContain(`IdpWellKnownConfigurationUrl=${ISSUER}/.well-known/openid-configuration;OidcClientId=sql-clients;WorkGroupArn=`);
    expect(jdbc).toContain('JwtRoleSessionName=athena-sql-client;');
    const odbc = JSON.stringify(byId('AthenaOdbcConnectionString'));
    expect(odbc).toContain('"AwsRegion=us-east-1;Workgroup=analysts;S3OutputLocation=s3://",{"Ref":');
    expect(odbc).toContain('"/athena-results/;AuthenticationType=BrowserOidcTip;');
    expect(odbc).toContain(';client_id=sql-clients;WorkGroupArn=');
    expect(odbc).toContain('role_session_name=athena-sql-client;');
  });

  test('uses the account\'s IAM OIDC provider and trusted token issuer when given', () => {
    const stack = athenaUseCase({}, scope => ({
      oidcProvider: iam.OidcProviderNative.fromOidcProviderArn(scope, 'Provider', 'arn:aws:iam::111122223333:oidc-provider/login.example.com/realms/analytics'),
      trustedTokenIssuer: TrustedTokenIssuer.fromTrustedTokenIssuerArn(scope, 'Issuer', 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-1'),
    }));
    const given = synth(stack);
    given.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    given.resourceCountIs('AWS::SSO::TrustedTokenIssuer', 0);
    given.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/login.example.com/realms/analytics' } })] },
    });
  });

  test('draws the drivers\' chain: the identity provider, the clients, the application with the tags, the workgroup', () => {
    const stack = testStack();
    const answers = { client: SQL, query: QueryServiceKind.ATHENA, authorization: DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS };
    const diagram = build(stack, answers).toMermaid();
    expect(diagram).toContain('  idp -->|"user token"| client\n');
    expect(diagram).toMatch(/ {2}app\["Identity Center application .*, AthenaDriverOidcAppArn tags"\]\n/);
    expect(diagram).toContain('  client -->|"AssumeRoleWithWebIdentity, CreateTokenWithIAM, AssumeRole with the user context"| app\n');
    expect(diagram).toContain('  client -->|"JWT_TIP or BrowserOidcTip, as the user"| athena[("Athena workgroup wg")]\n');
  });

  test('the driver tags stay, whatever Tags.of() adds or removes', () => {
    const stack = athenaUseCase();
    Tags.of(stack).add('AthenaDriverOidcAppArn', 'something else');
    Tags.of(stack.node.findChild('UseCase')).remove('AthenaDriverOidcAppArn');
    const tagged = synth(stack);
    tagged.hasResourceProperties('AWS::SSO::Application', { Tags: [{ Key: 'AthenaDriverOidcAppArn', Value: getAtt('^UseCaseQueryRole', 'Arn') }] });
    tagged.hasResourceProperties('Custom::AthenaIdentityCenterWorkGroup', {
      Tags: [{ Key: 'AthenaDriverOidcAppArn', Value: getAtt('^UseCaseApplication', 'ApplicationArn') }],
    });
  });

  test('allowGroup assigns the group to the application and the workgroup', () => {
    const stack = testStack();
    build(stack, { client: SQL, query: QueryServiceKind.ATHENA, authorization: DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS })
      .allowGroup('a1b2c3d4-1111-2222-3333-444455556666');
    const assigned = Object.values<any>(synth(stack).findResources('AWS::SSO::ApplicationAssignment')).map(r => r.Properties.ApplicationArn['Fn::GetAtt'][0]);
    expect(assigned.sort()).toEqual([expect.stringMatching(/^UseCaseApplication/), expect.stringMatching(/^UseCaseAthenaWorkGroup/)]);
  });
});

describe('SQL and BI clients → Redshift', () => {
  test.each([DataAuthorizationKind.REDSHIFT_ROLES, DataAuthorizationKind.LAKE_FORMATION])('authorized by %s: Redshift accepts the issuer\'s tokens; nothing for Athena is made', authorization => {
    const stack = testStack();
    const useCase = build(stack, { client: SQL, query: QueryServiceKind.REDSHIFT, authorization });
    const template = synth(stack);
    template.hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
      AuthorizedTokenIssuerList: [{ TrustedTokenIssuerArn: getAtt('^UseCaseTrustedTokenIssuer', 'TrustedTokenIssuerArn'), AuthorizedAudiencesList: ['sql-clients'] }],
    });
    for (const type of ['AWS::SSO::Application', 'AWS::IAM::OIDCProvider', 'Custom::IdentityCenterApplicationConfiguration']) template.resourceCountIs(type, 0);
    expect(template.toJSON().Outputs).toBeUndefined();
    expect(useCase.queryRole).toBeUndefined();
    expect(useCase.toMermaid()).toContain('  client -->|"IdpTokenAuthPlugin (EXT_JWT) or BrowserIdcAuthPlugin"| redshift[("Redshift');
  });

  test('an imported Redshift IdC application is refused: its token issuers are set where it is defined', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const imported = RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes(stack, 'Redshift', {
      redshiftIdcApplicationArn: 'arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:sales',
      identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0123456789abcdef',
    });
    expect(() => new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.sqlClients({ issuerUrl: ISSUER, audiences: ['sql-clients'] }),
      queryServices: [QueryService.redshiftApplication(imported)],
      authorization: DataAuthorization.redshiftRoles(),
    })).toThrow(/^TestStack\/UseCase: the Redshift IdC application TestStack\/Redshift is imported, so its authorized token issuers are not set here/);
  });

  test('an issuer the Redshift IdC application already accepts gets the clients\' audiences, not a second entry', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const issuer = new TrustedTokenIssuer(stack, 'Issuer', { instance, issuerUrl: ISSUER });
    const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'redshift', authorizedTokenIssuers: [{ issuer, audiences: ['web'] }] });
    new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.sqlClients({ issuerUrl: ISSUER, audiences: ['sql-clients', 'web'], trustedTokenIssuer: issuer }),
      queryServices: [QueryService.redshiftApplication(redshift)],
      authorization: DataAuthorization.redshiftRoles(),
    });
    synth(stack).hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', {
      AuthorizedTokenIssuerList: [{ TrustedTokenIssuerArn: getAtt('^Issuer', 'TrustedTokenIssuerArn'), AuthorizedAudiencesList: ['web', 'sql-clients'] }],
    });
  });

  test('a Redshift IdC application takes at most 10 token issuers, and the error names them', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const issuers = Array.from({ length: 11 }, (_, i) => new TrustedTokenIssuer(stack, `Issuer${i}`, { instance, issuerUrl: `https://idp${i}.example.com` }));
    const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'redshift' });
    issuers.slice(0, 10).forEach(issuer => redshift.addAuthorizedTokenIssuer({ issuer, audiences: ['sql'] }));
    expect(() => redshift.addAuthorizedTokenIssuer({ issuer: issuers[10], audiences: ['sql'] })).toThrow(
      /^TestStack\/Redshift: authorizedTokenIssuers may have at most 10 entries; adding TestStack\/Issuer10 would make 11 \(Redshift's AuthorizedTokenIssuerList; already: TestStack\/Issuer0, /);
  });

  test('with a namespace of its own, the Redshift IdC application takes the issuer too', () => {
    const stack = testStack();
    new TipUseCase(stack, 'UseCase', {
      instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      clientApplication: ClientApplication.sqlClients({ issuerUrl: ISSUER, audiences: ['sql-clients'] }),
      queryServices: [QueryService.redshiftServerless({ namespace: new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'sales' }) })],
      authorization: DataAuthorization.redshiftRoles(),
    });
    synth(stack).hasResourceProperties('AWS::Redshift::RedshiftIdcApplication', { AuthorizedTokenIssuerList: Match.arrayWith([Match.objectLike({ AuthorizedAudiencesList: ['sql-clients'] })]) });
  });
});

describe('ClientApplication.sqlClients rejects', () => {
  test('an issuer URL that is not https, or not known at synth', () => {
    expect(() => ClientApplication.sqlClients({ issuerUrl: 'http://login.example.com', audiences: ['a'] })).toThrow(/^ClientApplication.sqlClients: issuerUrl must start with https:\/\//);
    expect(() => ClientApplication.sqlClients({ issuerUrl: Token.asString({ Ref: 'Issuer' }), audiences: ['a'] })).toThrow(
      'ClientApplication.sqlClients: issuerUrl must be a literal URL: the application role\'s trust condition key is made of it (<host/path>:aud)');
  });

  test('no audiences', () => {
    expect(() => ClientApplication.sqlClients({ issuerUrl: ISSUER, audiences: [] })).toThrow('ClientApplication.sqlClients: audiences must have 1 to 10 entries, but has 0');
  });

  test('a query service the drivers do not reach', () => {
    const glue = { client: SQL, query: QueryServiceKind.GLUE_INTERACTIVE_SESSIONS, authorization: DataAuthorizationKind.LAKE_FORMATION };
    expect(() => build(new Stack(), glue))
      .toThrow(/AWS does not support "SQL and BI clients" → "Glue interactive sessions" → "Lake Formation" with trusted identity propagation\. Nearest supported: "Custom application" → "Glue interactive sessions" → "Lake Formation"/);
  });
});

import { CfnOutput, Stack, Tags, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { grantServiceAccess } from './service-access';
import { SqlClientsOptions } from './sql-clients-options';
import {
  ApplicationGrant,
  IdentityCenterApplication,
  IdentityEnhancedRole,
  JwtBearerIssuer,
  TrustedTokenIssuer,
} from '../identity-center';
import { addToRolePolicy } from '../private/nag';
import { invalid, validateAudiences, validateHttpsUrl } from '../private/validation';
import {
  AuthorizationBinding,
  BindContext,
  ClientApplicationBinder,
  ClientApplicationBinding,
  diagramText,
  DriverTarget,
  QueryServiceBinding,
} from '../trust-chain/binding';
import { ClientApplicationKind, QueryServiceKind } from '../trust-chain/kinds';

/**
 * The tag the Athena drivers read to find the access role (on the Identity Center application)
 * and the application (on the workgroup), so users can leave `AccessRoleArn` and
 * `CustomerIdcApplicationArn` out of their connection strings
 * (athena/latest/ug/using-trusted-identity-propagation-setup.html).
 */
const DRIVER_TAG = 'AthenaDriverOidcAppArn';

/** Above the priorities CDK gives `Tags.of()` adds (100) and removes (200). */
const DRIVER_TAG_PRIORITY = 1000;

/** The session name the connection strings give the drivers' role sessions. */
const SESSION_NAME = 'athena-sql-client';

/**
 * Third-party SQL and BI clients sign users in with the identity provider and connect through
 * the Athena and Redshift drivers: `ClientApplication.sqlClients()`.
 *
 * - Redshift accepts the identity provider's token itself, through its IdC application's
 *   authorized token issuers.
 * - The Athena drivers (JWT_TIP, BrowserOidcTip) assume an application role with the token,
 *   exchange it with the customer managed application, and assume the access role with the
 *   user's identity context; the AthenaDriverOidcAppArn tags tell them the application and the
 *   access role, and stack outputs give users the rest of the connection string.
 */
export class SqlClientsClient implements ClientApplicationBinder {
  public readonly kind = ClientApplicationKind.SQL_CLIENTS;

  constructor(private readonly options: SqlClientsOptions) {
    // The IAM trust condition is keyed by the URL, so it must be known when the template is written.
    if (Token.isUnresolved(options.issuerUrl)) {
      invalid('ClientApplication.sqlClients', 'issuerUrl must be a literal URL: the application role\'s trust condition key is made of it (<host/path>:aud)');
    }
    validateHttpsUrl('ClientApplication.sqlClients', 'issuerUrl', options.issuerUrl);
    validateAudiences('ClientApplication.sqlClients', 'audiences', options.audiences);
  }

  public bind(context: BindContext, queryServices: QueryServiceBinding[], authorization: AuthorizationBinding): ClientApplicationBinding {
    const { scope, instance } = context;
    const options = this.options;
    const trustedTokenIssuer = options.trustedTokenIssuer
      ?? new TrustedTokenIssuer(scope, 'TrustedTokenIssuer', { instance, issuerUrl: options.issuerUrl });
    const issuer: JwtBearerIssuer = { issuer: trustedTokenIssuer, audiences: options.audiences };
    for (const query of queryServices) query.drivers?.acceptTokensFrom?.(issuer);

    const lines = [
      `  idp[/"Identity provider ${diagramText(options.issuerUrl)}"/]`,
      '  client(["SQL and BI clients: JDBC and ODBC drivers"])',
      '  idp -->|"user token"| client',
    ];
    const athena = queryServices.find(query => query.drivers?.workGroup);
    if (!athena) {
      return { trustedTokenIssuer, diagram: { lines, from: 'client' }, edgeLabel: query => this.edgeLabel(query) };
    }

    // The Athena drivers' setup: the customer managed application, the application role the
    // drivers assume with the identity provider's token, and the access role.
    const application = new IdentityCenterApplication(scope, 'Application', {
      instance,
      applicationName: options.applicationName,
      grants: [ApplicationGrant.jwtBearer(issuer), ApplicationGrant.refreshToken()],
    });
    const oidcProvider = options.oidcProvider
      ?? new iam.OidcProviderNative(scope, 'OidcProvider', { url: options.issuerUrl, clientIds: options.audiences });
    // "For Federated Principal, add the ARN for AWS IAM identity provider … For policy condition,
    // add the audience from your external federated identity provider." IAM names the key after
    // the provider's URL without https:// (id_roles_create_for-idp_oidc.html).
    const audienceKey = `${options.issuerUrl.replace(/^https:\/\//, '').replace(/\/$/, '')}:aud`;
    const applicationRole = new iam.Role(scope, 'ApplicationRole', {
      assumedBy: new iam.WebIdentityPrincipal(oidcProvider.oidcProviderArn, { StringEquals: { [audienceKey]: options.audiences } }),
      description: 'Assumed by the Athena drivers with the identity provider\'s token, to exchange it and assume the access role',
    });
    application.allowTokenExchange(applicationRole);
    const queryRole = new IdentityEnhancedRole(scope, 'QueryRole', {
      assumedBy: applicationRole,
      description: 'The Athena drivers\' access role: assumed with an Identity Center user context to query as the user',
    });
    applicationRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole', 'sts:SetContext'], resources: [queryRole.roleArn] }));
    const workGroup = athena.drivers!.workGroup!;
    // The drivers read the tags (AWS's application role allows athena:ListTags* and sso:ListTags* on "*").
    applicationRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['athena:ListTagsForResource'], resources: [workGroup.arn] }));
    applicationRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sso:ListTagsForResource'], resources: [instance.instanceArn, application.applicationArn],
    }));

    // Athena's scope and the authorization's: the access role serves the Athena drivers only.
    grantServiceAccess(application, queryRole, [...athena.access ? [athena.access] : [], ...authorization.access]);
    // Above any Tags.of() of the app (which the drivers' setup would break), not only above the defaults.
    Tags.of(application).add(DRIVER_TAG, queryRole.roleArn, { includeResourceTypes: ['AWS::SSO::Application'], priority: DRIVER_TAG_PRIORITY });
    workGroup.tags.setTag(DRIVER_TAG, application.applicationArn, DRIVER_TAG_PRIORITY);
    addToRolePolicy(queryRole, workGroup.browse);
    this.outputConnection(context, workGroup, applicationRole);

    return {
      application,
      trustedTokenIssuer,
      queryRole,
      diagram: {
        lines: [
          ...lines,
          `  app["Identity Center application ${diagramText(application.applicationName)}, ${DRIVER_TAG} tags"]`,
          '  client -->|"AssumeRoleWithWebIdentity, CreateTokenWithIAM, AssumeRole with the user context"| app',
        ],
        from: 'client',
      },
      edgeLabel: query => this.edgeLabel(query),
      userAccess: { allowUser: id => application.assignUser(id), allowGroup: id => application.assignGroup(id) },
    };
  }

  private edgeLabel(query: QueryServiceBinding): string {
    return query.kind === QueryServiceKind.REDSHIFT
      ? 'IdpTokenAuthPlugin (EXT_JWT) or BrowserIdcAuthPlugin'
      : 'JWT_TIP or BrowserOidcTip, as the user';
  }

  /** What users paste into the Athena drivers, as stack outputs: the values, and whole connection strings. */
  private outputConnection(context: BindContext, workGroup: NonNullable<DriverTarget['workGroup']>, applicationRole: iam.IRole): void {
    const { scope } = context;
    const region = Stack.of(scope).region;
    const wellKnown = `${this.options.issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const clientId = this.options.audiences[0];
    const outputs: Record<string, [string, string]> = {
      AthenaWorkGroupArn: [workGroup.arn, 'WorkGroupArn of the Athena drivers'],
      AthenaApplicationRoleArn: [applicationRole.roleArn, 'ApplicationRoleArn of the Athena drivers'],
      IdpWellKnownConfigurationUrl: [wellKnown, 'IdpWellKnownConfigurationUrl of the Athena drivers (BrowserOidcTip)'],
      AthenaRegion: [region, 'Region of the Athena drivers'],
      AthenaJdbcUrl: [
        `jdbc:athena://Region=${region};Workgroup=${workGroup.name};OutputLocation=${workGroup.outputLocation};`
        + `CredentialsProvider=BrowserOidcTip;IdpWellKnownConfigurationUrl=${wellKnown};`
        + `OidcClientId=${clientId};WorkGroupArn=${workGroup.arn};ApplicationRoleArn=${applicationRole.roleArn};JwtRoleSessionName=${SESSION_NAME};`,
        'Athena JDBC 3.6.0 or later: the connection URL, users sign in in their browser',
      ],
      AthenaOdbcConnectionString: [
        `AwsRegion=${region};Workgroup=${workGroup.name};S3OutputLocation=${workGroup.outputLocation};`
        + `AuthenticationType=BrowserOidcTip;IdpWellKnownConfigurationUrl=${wellKnown};`
        + `client_id=${clientId};WorkGroupArn=${workGroup.arn};ApplicationRoleArn=${applicationRole.roleArn};role_session_name=${SESSION_NAME};`,
        'Athena ODBC 2.0.5.0 or later: the connection string, users sign in in their browser',
      ],
    };
    for (const [id, [value, description]] of Object.entries(outputs)) new CfnOutput(scope, id, { value, description });
  }
}

import {
  ApplicationGrant,
  IdentityCenterApplication,
  IdentityEnhancedRole,
  TrustedTokenIssuer,
} from '../identity-center';
import { CustomApplicationOptions } from './custom-application-options';
import { grantServiceAccess } from './service-access';
import { invalid, validateAudiences } from '../private/validation';
import {
  AuthorizationBinding,
  BindContext,
  ClientApplicationBinder,
  ClientApplicationBinding,
  diagramText,
  QueryServiceBinding,
  ServiceAccess,
} from '../trust-chain/binding';
import { ClientApplicationKind } from '../trust-chain/kinds';

/**
 * A custom application signs users in with its own identity provider, exchanges their tokens
 * with Identity Center and queries as them: `ClientApplication.customApplication()`. It is
 * made of Identity Center parts only, and reaches each service through what the service's
 * binding says it needs (a scope, its target and role statements).
 */
export class CustomApplicationClient implements ClientApplicationBinder {
  public readonly kind = ClientApplicationKind.CUSTOM_APPLICATION;

  constructor(private readonly options: CustomApplicationOptions) {
    if ((options.trustedTokenIssuer === undefined) === (options.issuerUrl === undefined)) {
      invalid('ClientApplication.customApplication', 'needs exactly one of trustedTokenIssuer and issuerUrl '
        + `(got ${options.trustedTokenIssuer ? 'both' : 'neither'})`);
    }
    validateAudiences('ClientApplication.customApplication', 'audiences', options.audiences);
  }

  public bind(context: BindContext, queryServices: QueryServiceBinding[], authorization: AuthorizationBinding): ClientApplicationBinding {
    const { scope, instance } = context;
    const options = this.options;
    const trustedTokenIssuer = options.trustedTokenIssuer
      ?? new TrustedTokenIssuer(scope, 'TrustedTokenIssuer', { instance, issuerUrl: options.issuerUrl! });
    const application = new IdentityCenterApplication(scope, 'Application', {
      instance,
      applicationName: options.applicationName,
      grants: [ApplicationGrant.jwtBearer({ issuer: trustedTokenIssuer, audiences: options.audiences })],
    });
    application.allowTokenExchange(options.backend);
    const queryRole = new IdentityEnhancedRole(scope, 'QueryRole', {
      assumedBy: options.backend,
      description: 'Assumed by the application backend with an Identity Center user context to query data as the user',
    });
    // Each service's scope, for exactly the service's application, and what the role needs there.
    // Services that read the data themselves (Spark, Glue) need the authorization's scopes on the
    // user's token, but the role only reaches the service.
    const readsData = queryServices.some(query => !query.readsDataItself);
    grantServiceAccess(application, queryRole, [
      ...queryServices.flatMap(query => query.access ?? []),
      ...authorization.access.map(access => readsData ? access : { ...access, roleStatements: [] }),
    ]);

    const issuerUrl = options.issuerUrl ?? (trustedTokenIssuer instanceof TrustedTokenIssuer ? trustedTokenIssuer.issuerUrl : undefined);
    const issuerName = trustedTokenIssuer instanceof TrustedTokenIssuer
      ? trustedTokenIssuer.trustedTokenIssuerName : trustedTokenIssuer.trustedTokenIssuerArn;
    return {
      application,
      trustedTokenIssuer,
      queryRole,
      diagram: {
        lines: [
          `  idp[/"Identity provider ${diagramText(issuerUrl ?? 'imported issuer')}"/]`,
          `  tti["Trusted token issuer ${diagramText(issuerName)}"]`,
          `  client(["Custom application ${diagramText(application.applicationName)}"])`,
          '  backend{{"Application backend: CreateTokenWithIAM, then AssumeRole with the user context"}}',
          '  idp -->|"user token"| tti',
          `  tti -->|"jwt-bearer, aud ${diagramText(options.audiences.join(', '))}"| client`,
          '  client --> backend',
        ],
        from: 'backend',
      },
      edgeLabel: query => scopesLabel([...query.access ? [query.access] : [], ...authorization.access]),
      userAccess: { allowUser: id => application.assignUser(id), allowGroup: id => application.assignGroup(id) },
    };
  }
}

/** The scopes the application's tokens carry to a service, for the diagram's edge. */
function scopesLabel(accesses: ServiceAccess[]): string {
  return accesses.flatMap(access => access.accessScope ? [access.accessScope.name] : []).join(', ') || 'identity-enhanced credentials';
}

import * as iam from 'aws-cdk-lib/aws-iam';
import { lifecycle, StackBase } from './lifecycle';
import { AccessScope, ApplicationGrant, IdentityCenterApplication, IdentityCenterApplicationProps, TrustedTokenIssuer } from '../../src';
import { APPLICATION_CONFIGURATION } from '../../src/private/contracts/application-configuration';
import { INSTANCE_ARN } from '../util/fixtures';

/**
 * A custom application with a JWT-bearer grant (plus `moreGrants`), token exchange and two
 * scopes, changed by `props`.
 */
function application({ stack, instance }: StackBase, props: Partial<IdentityCenterApplicationProps> = {}, moreGrants: ApplicationGrant[] = []): void {
  const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance: props.instance ?? instance, issuerUrl: 'https://example.okta.com' });
  const app = new IdentityCenterApplication(stack, 'App', {
    instance,
    applicationName: 'sales',
    grants: [ApplicationGrant.jwtBearer({ issuer, audiences: ['web'] }), ...moreGrants],
    accessScopes: [{ scope: AccessScope.REDSHIFT_CONNECT }, { scope: AccessScope.LAKE_FORMATION_QUERY }],
    ...props,
  });
  app.allowTokenExchange(new iam.ArnPrincipal('arn:aws:iam::111122223333:role/web-backend'));
}

lifecycle({
  resourceType: APPLICATION_CONFIGURATION,
  variants: {
    base: base => application(base),
    renamed: base => application(base, { applicationName: 'sales-v2' }),
    otherInstance: base => application(base, { instance: base.otherInstance }),
    authorizedTargets: base => application(base, {
      accessScopes: [{ scope: AccessScope.REDSHIFT_CONNECT, authorizedTargets: [base.keeper] }, { scope: AccessScope.LAKE_FORMATION_QUERY }],
    }),
    userBackgroundSessions: base => application(base, { userBackgroundSessions: true }),
    assignmentOptional: base => application(base, { assignmentRequired: false }),
    refreshToken: base => application(base, {}, [ApplicationGrant.refreshToken()]),
  },
  renames: ['renamed', 'otherInstance'],
  toggles: ['authorizedTargets', 'userBackgroundSessions', 'assignmentOptional', 'refreshToken'],
  foreign: {
    inTheWay: false,
    seed: account => {
      // Another team's application on the same instance, which the handler may reach by ARN pattern.
      const arn = account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/custom', 'their-app');
      account.applications.get(arn)!.grants.set('authorization_code', { AuthorizationCode: { RedirectUris: ['https://their.example.com/'] } });
      account.applications.get(arn)!.accessScopes.set('redshift:connect', undefined);
      return `another team's application ${arn}`;
    },
  },
});

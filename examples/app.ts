import { App, CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  AccessScope,
  ApplicationGrant,
  IdentityCenterApplication,
  IdentityCenterInstance,
  TrustedTokenIssuer,
} from '../src';

/** The Identity Center instance the examples use; replace it with yours. */
export const EXAMPLE_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';

/**
 * A custom-developed web application whose users sign in with Okta. Its backend exchanges their
 * Okta tokens for Identity Center tokens (`CreateTokenWithIAM`) and queries data as the user.
 */
export class CustomAppIdentityCenterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
    const okta = new TrustedTokenIssuer(this, 'Okta', {
      instance,
      issuerUrl: 'https://example.okta.com/oauth2/default',
    });

    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Backend of the analytics web application',
    });

    const app = new IdentityCenterApplication(this, 'AnalyticsApp', {
      instance,
      applicationName: 'analytics-web',
      description: 'Analytics web application (custom, Okta sign-in)',
      grants: [ApplicationGrant.jwtBearer({ issuer: okta, audiences: ['0oa1analyticsweb'] })],
      accessScopes: [
        { scope: AccessScope.REDSHIFT_CONNECT },
        { scope: AccessScope.LAKE_FORMATION_QUERY },
        { scope: AccessScope.S3_ACCESS_GRANTS_READ_WRITE },
      ],
    });
    app.allowTokenExchange(backend);

    const analysts = new CfnParameter(this, 'AnalystsGroupId', {
      description: 'Identity store id of the group allowed to use the application',
      default: 'a1b2c3d4-1111-2222-3333-444455556666',
    });
    app.assignGroup(analysts.valueAsString);
  }
}

/** Adds every example stack to `app`. */
export function addExampleStacks(app: App): Stack[] {
  const env = { account: '111122223333', region: 'us-east-1' };
  return [
    new CustomAppIdentityCenterStack(app, 'CustomAppIdentityCenter', { env }),
  ];
}

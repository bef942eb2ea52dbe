import * as iam from 'aws-cdk-lib/aws-iam';
import { ITrustedTokenIssuer } from '../identity-center';

/**
 * A custom or third-party application: how it signs users in and who exchanges their tokens.
 */
export interface CustomApplicationOptions {
  /**
   * The trusted token issuer of the application's identity provider.
   * @default - one is created from `issuerUrl`
   */
  readonly trustedTokenIssuer?: ITrustedTokenIssuer;

  /**
   * The issuer URL of the identity provider, when no `trustedTokenIssuer` is given.
   * @default - `trustedTokenIssuer` must be given
   */
  readonly issuerUrl?: string;

  /** The audiences (client ids at the identity provider) of the application's tokens, 1 to 10. */
  readonly audiences: string[];

  /** The IAM principal of the application's backend, which exchanges users' tokens. */
  readonly backend: iam.IPrincipal;

  /**
   * The name of the Identity Center application.
   * @default - a name generated from the construct path
   */
  readonly applicationName?: string;
}

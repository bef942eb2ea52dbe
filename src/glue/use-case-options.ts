import * as iam from 'aws-cdk-lib/aws-iam';
import { IGlueIdentityCenterConfiguration } from './identity-center-configuration';

/** Options for AWS Glue interactive sessions as the query service of a `TipUseCase`. */
export interface GlueInteractiveSessionsQueryServiceOptions {
  /**
   * The role the sessions run with. The use case lets Glue assume it with `sts:SetContext` and
   * allows it what the authorization needs for the user's data.
   */
  readonly sessionRole: iam.Role;

  /**
   * The account's Glue Identity Center configuration, made elsewhere (Glue allows one per
   * account and region), for example imported with `GlueIdentityCenterConfiguration.fromApplicationArn`.
   * @default - the use case creates one, with the scopes of its authorization
   */
  readonly configuration?: IGlueIdentityCenterConfiguration;
}

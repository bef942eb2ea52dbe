import * as iam from 'aws-cdk-lib/aws-iam';
import { ILakeFormationIdentityCenterConfiguration, LakeFormationIdentityCenterConfiguration } from './identity-center-configuration';
import { AccessScope } from '../identity-center';
import { AuthorizationBinder, AuthorizationBinding, BindContext, PartKey } from '../trust-chain/binding';
import { QueryServiceKind } from '../trust-chain/kinds';

/** The Lake Formation configuration of a use case that Lake Formation authorizes. */
export const LAKE_FORMATION = new PartKey<ILakeFormationIdentityCenterConfiguration>('a Lake Formation Identity Center configuration');

/** Lake Formation authorizes the data: `DataAuthorization.lakeFormation()`. */
export class LakeFormationAuthorization implements AuthorizationBinder {
  constructor(
    /** A configuration made elsewhere, to use instead of making one. */
    private readonly existing?: ILakeFormationIdentityCenterConfiguration,
    /** Whether the one made adopts the catalog's configuration of the instance. */
    private readonly adoptExisting?: boolean,
  ) {}

  public bind(context: BindContext): AuthorizationBinding {
    const configuration = this.existing ?? new LakeFormationIdentityCenterConfiguration(context.scope, 'LakeFormation', {
      instance: context.instance,
      // Redshift reaches Lake Formation as the user through the "Redshift connect" integration.
      redshiftConnect: context.queryServices.includes(QueryServiceKind.REDSHIFT),
      adoptExisting: this.adoptExisting,
    });
    context.provide(LAKE_FORMATION, configuration);
    return {
      access: [{
        accessScope: AccessScope.LAKE_FORMATION_QUERY,
        authorizedTarget: configuration.identityCenterApplication,
        roleStatements: [{
          // Lake Formation vends data access per table; it supports no resource ARNs.
          statement: new iam.PolicyStatement({ actions: ['lakeformation:GetDataAccess'], resources: ['*'] }),
          wildcardReason: 'Lake Formation supports no resource ARNs; it vends access only to data granted to the Identity Center user',
        }],
      }],
    };
  }
}

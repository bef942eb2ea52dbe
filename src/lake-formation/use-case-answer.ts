import * as iam from 'aws-cdk-lib/aws-iam';
import { LakeFormationIdentityCenterConfiguration } from './identity-center-configuration';
import { AccessScope } from '../identity-center';
import { AuthorizationBinder, AuthorizationBinding, BindContext, PartKey } from '../trust-chain/binding';
import { QueryServiceKind } from '../trust-chain/kinds';

/** The Lake Formation configuration of a use case that Lake Formation authorizes. */
export const LAKE_FORMATION = new PartKey<LakeFormationIdentityCenterConfiguration>('a Lake Formation Identity Center configuration');

/** Lake Formation authorizes the data: `DataAuthorization.lakeFormation()`. */
export class LakeFormationAuthorization implements AuthorizationBinder {
  public bind(context: BindContext): AuthorizationBinding {
    const configuration = new LakeFormationIdentityCenterConfiguration(context.scope, 'LakeFormation', {
      instance: context.instance,
      // Redshift reaches Lake Formation as the user through the "Redshift connect" integration.
      redshiftConnect: context.queryServices.includes(QueryServiceKind.REDSHIFT),
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

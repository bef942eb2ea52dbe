import * as iam from 'aws-cdk-lib/aws-iam';
import { IdentityCenterApplication } from '../identity-center';
import { addToRolePolicy } from '../private/nag';
import { ServiceAccess } from '../trust-chain/binding';

/**
 * Gives an application's tokens each service's scope, for exactly the service's application
 * where it has one, and the role that acts with them what it needs there.
 */
export function grantServiceAccess(application: IdentityCenterApplication, role: iam.IRole, accesses: ServiceAccess[]): void {
  for (const access of accesses) {
    if (access.accessScope) application.addAccessScope(access.accessScope, access.authorizedTarget ? [access.authorizedTarget] : undefined);
    addToRolePolicy(role, access.roleStatements);
  }
}

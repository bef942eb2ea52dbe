import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A principal that may assume a role with `sts:AssumeRole` and `sts:SetContext` in one trust
 * statement: AWS services that act for an Identity Center user (identity-enhanced sessions)
 * set the user's context on the session they assume.
 */
// PrincipalWithConditions is the exported adapter base; this one adds no condition itself.
class SetContextPrincipal extends iam.PrincipalWithConditions {
  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    document.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRole', 'sts:SetContext'],
      principals: [this.wrapped],
    }));
  }
}

/** The given service principals, allowed `sts:AssumeRole` and `sts:SetContext`. */
export function identityEnhancedServices(...services: string[]): iam.IPrincipal {
  const principals = services.map(service => new iam.ServicePrincipal(service));
  return new SetContextPrincipal(principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals), {});
}

import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A principal that may assume a role with `sts:AssumeRole` and `sts:SetContext` (plus any
 * extra actions) in one trust statement: AWS services that act for an Identity Center user
 * (identity-enhanced sessions) set the user's context on the session they assume.
 */
class SetContextPrincipal extends iam.PrincipalWithConditions {
  constructor(principal: iam.IPrincipal, conditions: iam.Conditions, private readonly extraActions: string[]) {
    super(principal, conditions);
  }

  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    document.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRole', 'sts:SetContext', ...this.extraActions],
      principals: [this.wrapped],
      conditions: this.conditions,
    }));
  }
}

export interface IdentityEnhancedTrustOptions {
  /** Conditions on the trust statement. */
  readonly conditions?: iam.Conditions;
  /** Actions to trust besides `sts:AssumeRole` and `sts:SetContext`. */
  readonly extraActions?: string[];
}

/** `principal`, allowed `sts:AssumeRole` and `sts:SetContext` in one trust statement. */
export function identityEnhancedPrincipal(principal: iam.IPrincipal, options: IdentityEnhancedTrustOptions = {}): iam.IAssumeRolePrincipal {
  return new SetContextPrincipal(principal, options.conditions ?? {}, options.extraActions ?? []);
}

/** The given service principals, allowed `sts:AssumeRole` and `sts:SetContext`. */
export function identityEnhancedServices(services: string[], options: IdentityEnhancedTrustOptions = {}): iam.IAssumeRolePrincipal {
  const principals = services.map(service => new iam.ServicePrincipal(service));
  return identityEnhancedPrincipal(principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals), options);
}

/** Adds to the trust of `role`, made elsewhere, the statement `identityEnhancedServices` makes. */
export function trustServicesWithContext(role: iam.Role, services: string[], options: IdentityEnhancedTrustOptions = {}): void {
  identityEnhancedServices(services, options).addToAssumeRolePolicy(role.assumeRolePolicy!);
}

/** The condition that every context a caller provides comes from Identity Center. */
export function identityCenterContextOnly(): iam.Conditions {
  return { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': `arn:${Aws.PARTITION}:iam::aws:contextProvider/IdentityCenter` } };
}

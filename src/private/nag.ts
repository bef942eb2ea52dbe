import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** A policy statement, with the reason for any wildcard in it (acknowledged for cdk-nag). */
export interface ReasonedStatement {
  readonly statement: iam.PolicyStatement;
  /** Why a wildcard in the statement cannot be narrower. */
  readonly wildcardReason?: string;
}

/** Adds `statements` to `role`'s policy and acknowledges their wildcards with their reasons. */
export function addToRolePolicy(role: iam.IRole, statements: readonly ReasonedStatement[]): void {
  for (const { statement, wildcardReason } of statements) {
    role.addToPrincipalPolicy(statement);
    if (wildcardReason) acknowledgeWildcards(role, statement, wildcardReason);
  }
}

/**
 * Acknowledges, on `scope` (a role or policy and its children), the cdk-nag AwsSolutions-IAM5
 * findings of exactly the wildcards in `statement`, with the reason they cannot be narrower.
 * Users who run cdk-nag then see only findings about their own resources.
 */
export function acknowledgeWildcards(scope: IConstruct, statement: iam.PolicyStatement, reason: string): void {
  const json = Stack.of(scope).resolve(statement.toStatementJson());
  const wildcards = [
    ...[json.Action ?? []].flat().filter((action: string) => action.includes('*')).map((action: string) => `Action::${action}`),
    ...[json.Resource ?? []].flat().map(nagText).filter(resource => resource.includes('*')).map(resource => `Resource::${resource}`),
  ];
  acknowledgeNag(scope, wildcards.map(finding => `AwsSolutions-IAM5[${finding}]`), reason);
}

/** Acknowledges cdk-nag AwsSolutions findings by id on `scope` and its children. */
export function acknowledgeNag(scope: IConstruct, ids: string[], reason: string): void {
  if (ids.length > 0) Validations.of(scope).acknowledge(...ids.map(id => ({ id: `AwsSolutions::${id}`, reason })));
}

/** How cdk-nag writes a resolved value in a finding id: references as `<LogicalId.Attribute>`. */
function nagText(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref) return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value?.['Fn::Join']) return value['Fn::Join'][1].map(nagText).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
}

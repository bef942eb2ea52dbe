import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ReasonedStatement } from './nag';

/** An Identity Center instance as the handler's permissions need it. */
export interface Instance {
  readonly instanceArn: string;
  readonly instanceId: string;
}

/**
 * The ARN pattern of the applications this stack creates on `instance`. An application ARN names the
 * account that created the application (IAM Service Authorization Reference, IAM Identity Center,
 * resource type `Application`: `arn:${Partition}:sso::${AccountId}:application/${InstanceId}/${ApplicationId}`),
 * and this stack creates its applications, and has Athena and Lake Formation create theirs, in
 * its own account, even when the instance belongs to another account.
 */
export function stackApplicationArnPattern(scope: Construct, instance: Instance): string {
  return Stack.of(scope).formatArn({ service: 'sso', region: '', resource: 'application', resourceName: `${instance.instanceId}/*` });
}

/**
 * Services such as Lake Formation and Athena create and configure their own Identity Center
 * application with the caller's permissions (forward access sessions), so the handler needs
 * these sso actions on the instance, the applications of this account and AWS's application
 * providers.
 */
export function serviceManagedApplicationStatements(scope: Construct, instance: Instance): ReasonedStatement[] {
  const stack = Stack.of(scope);
  return [{
    statement: new iam.PolicyStatement({
      actions: [
        'sso:CreateApplication',
        'sso:DeleteApplication',
        'sso:UpdateApplication',
        'sso:DescribeApplication',
        'sso:DescribeInstance',
        'sso:PutApplicationGrant',
        'sso:GetApplicationGrant',
        'sso:DeleteApplicationGrant',
        'sso:PutApplicationAuthenticationMethod',
        'sso:PutApplicationAccessScope',
        'sso:PutApplicationAssignmentConfiguration',
      ],
      resources: [
        instance.instanceArn,
        stackApplicationArnPattern(scope, instance),
        stack.formatArn({ service: 'sso', region: '', account: 'aws', resource: 'applicationProvider', resourceName: '*' }),
      ],
    }),
    wildcardReason: 'The service creates its Identity Center application from its own AWS application provider; application ids are not known in advance',
  }];
}

import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TipProvider } from './provider';

/**
 * Services such as Lake Formation and Athena create and configure their own Identity Center
 * application with the caller's permissions (forward access sessions), so the handler needs
 * these sso actions on the instance, its applications and AWS's application providers.
 */
export function allowIdentityCenterApplicationManagement(provider: TipProvider, instance: { instanceArn: string; instanceId: string }): void {
  const stack = Stack.of(provider);
  provider.addToPolicy(new iam.PolicyStatement({
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
      stack.formatArn({ service: 'sso', region: '', account: '*', resource: 'application', resourceName: `${instance.instanceId}/*` }),
      stack.formatArn({ service: 'sso', region: '', account: 'aws', resource: 'applicationProvider', resourceName: '*' }),
    ],
  }), 'The service creates its Identity Center application from its own AWS application provider; application ids are not known in advance');
}

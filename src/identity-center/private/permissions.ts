import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Instance, stackApplicationArnPattern } from '../../private/identity-center-permissions';
import type { ReasonedStatement } from '../../private/nag';

/** What the handler needs to configure the applications this stack creates on `instance`. */
export function applicationConfigurationStatements(scope: Construct, instance: Instance): ReasonedStatement[] {
  return [{
    statement: new iam.PolicyStatement({
      actions: [
        'sso:PutApplicationGrant',
        'sso:DeleteApplicationGrant',
        'sso:PutApplicationAuthenticationMethod',
        'sso:DeleteApplicationAuthenticationMethod',
        'sso:PutApplicationAccessScope',
        'sso:DeleteApplicationAccessScope',
        'sso:PutApplicationAssignmentConfiguration',
        'sso:PutApplicationSessionConfiguration',
      ],
      resources: [stackApplicationArnPattern(scope, instance)],
    }),
    wildcardReason: 'Applications are created by this stack: their ids are not known when the policy is written, only their instance',
  }];
}

import * as iam from 'aws-cdk-lib/aws-iam';
import type { ReasonedStatement } from '../../private/nag';

/**
 * What a caller needs to run interactive sessions on an EMR Serverless application's Livy
 * endpoint with `runtimeRoleArn` ("emr-serverless:AccessLivyEndpoints", "iam:PassRole" with
 * iam:PassedToService, "emr-serverless:GetDashboardForJobRun",
 * EMR-Serverless-UserGuide/interactive-workloads-livy-endpoints.html).
 */
export function livyAccessStatements(applicationArn: string, runtimeRoleArn: string): ReasonedStatement[] {
  return [{
    statement: new iam.PolicyStatement({
      actions: ['emr-serverless:AccessLivyEndpoints', 'emr-serverless:GetDashboardForJobRun'],
      resources: [applicationArn, `${applicationArn}/jobruns/*`],
    }),
    wildcardReason: 'Each Livy session is a job run of the application whose id EMR Serverless generates',
  }, {
    statement: new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [runtimeRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } },
    }),
  }];
}

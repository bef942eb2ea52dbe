import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What a caller needs to run interactive sessions on an EMR Serverless application's Livy
 * endpoint with `runtimeRoleArn` ("emr-serverless:AccessLivyEndpoints", "iam:PassRole" with
 * iam:PassedToService, "emr-serverless:GetDashboardForJobRun",
 * EMR-Serverless-UserGuide/interactive-workloads-livy-endpoints.html).
 */
export function livyAccessStatements(applicationArn: string, runtimeRoleArn: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['emr-serverless:AccessLivyEndpoints', 'emr-serverless:GetDashboardForJobRun'],
      resources: [applicationArn, `${applicationArn}/jobruns/*`],
    }),
    new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [runtimeRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } },
    }),
  ];
}

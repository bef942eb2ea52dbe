import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** What the CDK provider framework passes to the handler: a CloudFormation event. */
export type CustomResourceEvent = CloudFormationCustomResourceEvent & {
  readonly PhysicalResourceId?: string;
  readonly OldResourceProperties?: Record<string, any>;
};

/** What the handler returns to the CDK provider framework. */
export interface CustomResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, unknown>;
}

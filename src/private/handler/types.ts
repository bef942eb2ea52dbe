import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** A CloudFormation custom resource event, as CloudFormation invokes the handler with it. */
export type CustomResourceEvent = CloudFormationCustomResourceEvent & {
  readonly PhysicalResourceId?: string;
  readonly OldResourceProperties?: Record<string, any>;
};

/** What a resource type's module reports on success: the physical id and any attributes. */
export interface CustomResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, unknown>;
}

import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { ResourcePropertiesByType, ResourceType } from '../contracts';
import type { Wire } from '../contracts/wire';

/** A CloudFormation custom resource event, as CloudFormation invokes the handler with it. */
export type CustomResourceEvent = CloudFormationCustomResourceEvent & {
  readonly PhysicalResourceId?: string;
  readonly OldResourceProperties?: Record<string, any>;
};

/** An event for a resource of type `T`, its properties as CloudFormation delivers them. */
export type ResourceEvent<T extends ResourceType> = Omit<CustomResourceEvent, 'ResourceType' | 'ResourceProperties' | 'OldResourceProperties'> & {
  readonly ResourceType: T;
  readonly ResourceProperties: Partial<Wire<ResourcePropertiesByType[T]>>;
  readonly OldResourceProperties?: Partial<Wire<ResourcePropertiesByType[T]>>;
};

/** What a resource type's module reports on success: the physical id and any attributes. */
export interface CustomResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, unknown>;
}

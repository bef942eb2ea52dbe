import { CfnResource, Validations } from 'aws-cdk-lib';

/**
 * Acknowledges, on exactly `resource`, aws-cdk-lib's "Unknown resource type" finding for a
 * documented CloudFormation type that the schemas bundled with aws-cdk-lib do not include yet,
 * so users do not see it and every other schema finding still reaches them.
 */
export function acknowledgeSchemaGap(resource: CfnResource): void {
  Validations.of(resource).acknowledge({
    id: 'CloudFormation-Validate::F3006',
    reason: `${resource.cfnResourceType} is a documented CloudFormation type that the schemas bundled with aws-cdk-lib do not include yet`,
  });
}

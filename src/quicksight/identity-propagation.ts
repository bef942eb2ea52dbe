import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IIdentityCenterApplication } from '../identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../private/contracts/quicksight-identity-propagation';
import { TipProvider } from '../private/provider';
import { claimOncePerStack } from '../private/singleton';
import { spelled, validateApplicationArn, validateCount } from '../private/validation';

/**
 * The AWS services QuickSight can propagate identities to.
 */
export enum QuickSightPropagationService {
  /** Amazon Redshift */
  REDSHIFT = 'REDSHIFT',
  /** Amazon Athena */
  ATHENA = 'ATHENA',
  /** Amazon Q Business */
  QBUSINESS = 'QBUSINESS',
  /** AWS Glue Data Catalog */
  GLUE_DATA_CATALOG = 'GLUE_DATA_CATALOG',
}

/**
 * Properties of a `QuickSightIdentityPropagation`.
 */
export interface QuickSightIdentityPropagationProps {
  /** The service QuickSight passes its users' identities to. */
  readonly service: QuickSightPropagationService;

  /**
   * The Identity Center applications of that service QuickSight may propagate identities to,
   * for example `RedshiftIdcApplication.identityCenterApplication`.
   * @default - every application of the service on the instance (a warning says so)
   */
  readonly authorizedTargets?: IIdentityCenterApplication[];

  /**
   * Whether to take over the propagation QuickSight already has for the service: the create
   * records its targets and sets these, and the delete puts the recorded targets back instead of
   * turning propagation off.
   * @default false - propagation that is already on is refused
   */
  readonly adoptExisting?: boolean;
}

/**
 * Turns on trusted identity propagation from Amazon QuickSight to a service
 * (`UpdateIdentityPropagationConfig`), and off again when removed.
 *
 * The QuickSight account of this stack must already be subscribed with IAM Identity Center,
 * on the same instance: that subscription has no CloudFormation or API support for
 * automation, so this construct takes it as given.
 */
export class QuickSightIdentityPropagation extends Construct {
  constructor(scope: Construct, id: string, props: QuickSightIdentityPropagationProps) {
    super(scope, id);
    const targets = props.authorizedTargets;
    if (targets) {
      validateCount(this, 'authorizedTargets', targets, 1, 10);
      targets.forEach((target, i) => validateApplicationArn(this, `authorizedTargets[${i}]`, target.applicationArn));
    } else {
      Validations.of(this).addWarning('cdk-trusted-identity-propagation:quickSightAllTargets',
        `QuickSight will propagate identities to every ${props.service} application of the Identity Center instance; `
        + `pass ${spelled('authorizedTargets')} to limit it`);
    }

    // One configuration per service: UpdateIdentityPropagationConfig replaces it whole.
    claimOncePerStack(this, `quicksight-identity-propagation:${props.service}`, existing =>
      `this stack already has a QuickSightIdentityPropagation for ${props.service} (${existing.node.path}): `
      + 'QuickSight keeps one configuration per service; list all targets in that one');

    const stack = Stack.of(this);
    const provider = TipProvider.of(this);
    const resource = provider.customResource(this, 'Resource', QUICKSIGHT_IDENTITY_PROPAGATION, {
      AwsAccountId: stack.account,
      Service: props.service,
      AuthorizedTargets: targets?.map(target => target.applicationArn),
      AdoptExisting: props.adoptExisting ?? false,
    });
    provider.permit(resource, 'QuickSight', [{
      // The IAM reference lists no resource type for these QuickSight actions.
      statement: new iam.PolicyStatement({
        actions: ['quicksight:UpdateIdentityPropagationConfig', 'quicksight:DeleteIdentityPropagationConfig', 'quicksight:ListIdentityPropagationConfigs'],
        resources: ['*'],
      }),
      wildcardReason: 'The IAM reference lists no resource type for the QuickSight identity propagation actions',
    }]);
  }
}

import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { s3Location } from '../private/s3-location';

/**
 * Properties of a `LakeFormationS3Location`.
 */
export interface LakeFormationS3LocationProps {
  /** The bucket that holds the data. */
  readonly bucket: s3.IBucket;

  /**
   * The prefix within the bucket, for example `sales/`.
   * @default - the whole bucket
   */
  readonly prefix?: string;

  /**
   * The role Lake Formation assumes to read and write the location for Identity Center users.
   * @default - a role trusted by lakeformation.amazonaws.com (`sts:AssumeRole` and
   * `sts:SetContext`) that may read and write the location
   */
  readonly role?: iam.IRole;
}

/**
 * Registers an S3 location with AWS Lake Formation for trusted identity propagation.
 *
 * Lake Formation must use a role of yours here, not its service-linked role: identity-enhanced
 * sessions need a role that trusts `sts:SetContext`, so Lake Formation can put the user's
 * identity on the session (and in CloudTrail) when it vends credentials.
 *
 * @resource AWS::LakeFormation::Resource
 */
export class LakeFormationS3Location extends Construct {
  /** The role Lake Formation assumes for the location. */
  public readonly role: iam.IRole;

  constructor(scope: Construct, id: string, props: LakeFormationS3LocationProps) {
    super(scope, id);
    const location = s3Location(this, 'prefix', props.bucket, props.prefix);
    this.role = props.role ?? new iam.Role(this, 'Role', {
      assumedBy: identityEnhancedServices(['lakeformation.amazonaws.com']),
      description: 'Lets Lake Formation read and write a registered S3 location for Identity Center users',
    });
    if (!props.role) location.grantReadWrite(this.role);

    new lakeformation.CfnResource(this, 'Resource', {
      resourceArn: location.arn,
      useServiceLinkedRole: false,
      roleArn: this.role.roleArn,
    });
  }
}

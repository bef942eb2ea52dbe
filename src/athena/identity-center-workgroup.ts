import { createHash } from 'crypto';
import { Aspects, CustomResource, IAspect, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { LakeFormationIdentityCenterConfiguration } from '../lake-formation';
import { ATHENA_WORKGROUP, ATHENA_WORKGROUP_ATTRIBUTES } from '../private/contracts/athena-workgroup';
import { serviceManagedApplicationStatements } from '../private/identity-center-permissions';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { TipProvider } from '../private/provider';
import { s3Location } from '../private/s3-location';
import { findInStack } from '../private/singleton';
import { validateLength, validatePattern } from '../private/validation';
import { S3AccessGrantsIdentityCenter } from '../s3-access-grants';

/**
 * Properties of an `AthenaIdentityCenterWorkGroup`.
 */
export interface AthenaIdentityCenterWorkGroupProps {
  /** The Identity Center instance whose users run queries in the workgroup. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The name of the workgroup, 1 to 128 of `[a-zA-Z0-9._-]`. Athena cannot change the Identity
   * Center setting of a workgroup, so a new instance needs a new name.
   * @default - a name generated from the construct path and the instance, so a new instance
   * creates a new workgroup
   */
  readonly workGroupName?: string;

  /** The bucket for query results. Users reach their results through S3 Access Grants. */
  readonly resultsBucket: s3.IBucket;

  /**
   * The prefix for query results within the bucket, for example `athena-results/`.
   * @default - the bucket root
   */
  readonly resultsPrefix?: string;

  /**
   * Whether each user's results go under a prefix of their own.
   * @default true
   */
  readonly createUserLevelPrefix?: boolean;

  /**
   * The Athena engine version, for example `Athena engine version 3`.
   * @default 'AUTO'
   */
  readonly engineVersion?: string;

  /**
   * The role Athena assumes to run queries for Identity Center users.
   * @default - a role trusted by athena.amazonaws.com (`sts:AssumeRole` and `sts:SetContext`)
   * that may write the results location
   */
  readonly executionRole?: iam.IRole;

  /**
   * The Lake Formation Identity Center configuration that authorizes the users' queries.
   * @default - the one in this stack
   */
  readonly lakeFormation?: LakeFormationIdentityCenterConfiguration;

  /**
   * The S3 Access Grants instance that serves the users' query results.
   * @default - the one in this stack
   */
  readonly s3AccessGrants?: S3AccessGrantsIdentityCenter;
}

const WORKGROUP_NAME = /^[a-zA-Z0-9._-]{1,128}$/;

/**
 * An Amazon Athena workgroup enabled for IAM Identity Center: users run SQL as themselves,
 * Lake Formation authorizes their queries and S3 Access Grants their query results.
 *
 * CloudFormation's `AWS::Athena::WorkGroup` cannot enable Identity Center, and Athena can set it
 * only when a workgroup is created, so a custom resource creates the workgroup
 * (`CreateWorkGroup`), updates what Athena can update (`UpdateWorkGroup`) and deletes it.
 *
 * Athena with trusted identity propagation needs both a `LakeFormationIdentityCenterConfiguration`
 * and an `S3AccessGrantsIdentityCenter`; Spark workgroups are not supported.
 */
export class AthenaIdentityCenterWorkGroup extends Construct {
  /** The name of the workgroup. */
  public readonly workGroupName: string;

  /** The ARN of the workgroup. */
  public readonly workGroupArn: string;

  /** The ARN of the Identity Center application Athena creates for the workgroup. */
  public readonly identityCenterApplicationArn: string;

  /**
   * The Identity Center application of the workgroup: assign users and groups to it, and
   * authorize custom applications' `athena:workgroup:read_write` scope for it.
   */
  public readonly identityCenterApplication: IIdentityCenterApplication;

  /** The role Athena assumes for the workgroup's users. */
  public readonly executionRole: iam.IRole;

  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: AthenaIdentityCenterWorkGroupProps) {
    super(scope, id);
    validateLength(this, 'workGroupName', props.workGroupName, 1, 128);
    validatePattern(this, 'workGroupName', props.workGroupName, WORKGROUP_NAME, 'may contain only letters, digits, . _ and -');
    const results = s3Location(this, 'resultsPrefix', props.resultsBucket, props.resultsPrefix);
    const stack = Stack.of(this);

    this.workGroupName = props.workGroupName ?? `${Names.uniqueResourceName(this, { maxLength: 119, allowedSpecialCharacters: '-_.' })}-${
      createHash('sha256').update(JSON.stringify(stack.resolve(props.instance.instanceArn))).digest('hex').slice(0, 8)}`;
    this.workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName });

    this.executionRole = props.executionRole ?? new iam.Role(this, 'ExecutionRole', {
      assumedBy: identityEnhancedServices(['athena.amazonaws.com']),
      description: 'Lets Athena run queries for Identity Center users',
    });
    if (!props.executionRole) results.grantReadWrite(this.executionRole);

    const provider = TipProvider.of(this);
    this.resource = provider.customResource(this, 'Resource', ATHENA_WORKGROUP, {
      WorkGroupName: this.workGroupName,
      WorkGroupArn: this.workGroupArn,
      InstanceArn: props.instance.instanceArn,
      OutputLocation: results.uri,
      CreateUserLevelPrefix: props.createUserLevelPrefix ?? true,
      EngineVersion: props.engineVersion ?? 'AUTO',
      ExecutionRoleArn: this.executionRole.roleArn,
    });
    provider.permit(this.resource, 'AthenaWorkGroup', [{
      statement: new iam.PolicyStatement({
        // The handler tags the workgroups it creates (TagResource: Athena requires it to pass
        // tags to CreateWorkGroup) and reads the tags to recognize its own workgroup.
        actions: [
          'athena:CreateWorkGroup',
          'athena:UpdateWorkGroup',
          'athena:GetWorkGroup',
          'athena:DeleteWorkGroup',
          'athena:TagResource',
          'athena:ListTagsForResource',
        ],
        resources: [this.workGroupArn],
      }),
    }, {
      statement: new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.executionRole.roleArn] }),
    }]);
    // Athena creates and manages the workgroup's Identity Center application as the caller.
    provider.permit(this.resource, 'ServiceManagedApplications', serviceManagedApplicationStatements(this, props.instance));
    this.identityCenterApplicationArn = this.resource.getAttString(ATHENA_WORKGROUP_ATTRIBUTES.identityCenterApplicationArn);
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application', this.identityCenterApplicationArn);

    // The prerequisites may be defined after this construct, so they are found when the tree is complete.
    Aspects.of(this).add(new RequirePrerequisites(this, props));
  }

  /** @internal */
  public _dependOn(prerequisites: IConstruct[]): void {
    this.resource.node.addDependency(...prerequisites);
  }
}

class RequirePrerequisites implements IAspect {
  private done = false;

  constructor(private readonly workGroup: AthenaIdentityCenterWorkGroup, private readonly props: AthenaIdentityCenterWorkGroupProps) {}

  public visit(node: IConstruct): void {
    if (node !== this.workGroup || this.done) return;
    this.done = true;
    const lakeFormation = this.props.lakeFormation ?? findInStack(node, LakeFormationIdentityCenterConfiguration)[0];
    const accessGrants = this.props.s3AccessGrants ?? findInStack(node, S3AccessGrantsIdentityCenter)[0];
    const missing = [
      lakeFormation ? undefined : 'a LakeFormationIdentityCenterConfiguration (Lake Formation authorizes the queries of Identity Center users)',
      accessGrants ? undefined : 'an S3AccessGrantsIdentityCenter (S3 Access Grants serves Identity Center users their query results)',
    ].filter(m => m !== undefined);
    if (missing.length > 0) {
      throw new Error(`${node.node.path}: an Identity Center enabled Athena workgroup needs ${missing.join(' and ')}; `
        + 'pass it in props or define it in the same stack');
    }
    this.workGroup._dependOn([lakeFormation!, accessGrants!]);
  }
}

import { createHash } from 'crypto';
import { IResource, ITaggable, Lazy, Names, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { ILakeFormationIdentityCenterConfiguration } from '../lake-formation';
import { ATHENA_WORKGROUP, ATHENA_WORKGROUP_ATTRIBUTES, AthenaWorkGroupProperties } from '../private/contracts/athena-workgroup';
import { serviceManagedApplicationStatements } from '../private/identity-center-permissions';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { TipProvider } from '../private/provider';
import { s3Location } from '../private/s3-location';
import { importPath, validateLength, validatePattern } from '../private/validation';
import { IS3AccessGrantsIdentityCenter, S3AccessGrantsIdentityCenter } from '../s3-access-grants';

/**
 * An Amazon Athena workgroup enabled for IAM Identity Center.
 */
export interface IAthenaIdentityCenterWorkGroup extends IResource {
  /**
   * The name of the workgroup.
   * @attribute
   */
  readonly workGroupName: string;

  /**
   * The ARN of the workgroup.
   * @attribute
   */
  readonly workGroupArn: string;

  /**
   * The Identity Center application Athena manages for the workgroup: assign users and groups
   * to it, and authorize custom applications' `athena:workgroup:read_write` scope for it.
   */
  readonly identityCenterApplication: IIdentityCenterApplication;
}

/**
 * Attributes of an existing Identity Center enabled Athena workgroup.
 */
export interface AthenaIdentityCenterWorkGroupAttributes {
  /** The name of the workgroup. */
  readonly workGroupName: string;

  /** The ARN of the Identity Center application Athena manages for the workgroup. */
  readonly identityCenterApplicationArn: string;
}

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
   * Tags for the workgroup, besides the ones `Tags.of()` gives it. At most 48: Athena allows 50
   * per workgroup, and the construct keeps two to recognize its own workgroup.
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * The Lake Formation Identity Center configuration that authorizes the users' queries: one
   * of this app, or one imported from the stack that made it.
   */
  readonly lakeFormation: ILakeFormationIdentityCenterConfiguration;

  /**
   * The S3 Access Grants instance that serves the users' query results. When it is defined in
   * this app, one of its locations must cover the results location.
   */
  readonly s3AccessGrants: IS3AccessGrantsIdentityCenter;
}

const WORKGROUP_NAME = /^[a-zA-Z0-9._-]{1,128}$/;

/** Athena allows 50 tags per workgroup; the handler keeps two of its own (OWNER_TAGS of the handler). */
const MAX_TAGS = 48;
const OWN_TAG_PREFIX = 'cdk-trusted-identity-propagation:';

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
export class AthenaIdentityCenterWorkGroup extends Resource implements IAthenaIdentityCenterWorkGroup, ITaggable {
  /**
   * Imports a workgroup by its attributes, to use it from another stack.
   */
  public static fromWorkGroupAttributes(
    scope: Construct, id: string, attrs: AthenaIdentityCenterWorkGroupAttributes,
  ): IAthenaIdentityCenterWorkGroup {
    validatePattern(importPath(scope, id), 'workGroupName', attrs.workGroupName, WORKGROUP_NAME, 'may contain only letters, digits, . _ and -');
    class Import extends Resource implements IAthenaIdentityCenterWorkGroup {
      public readonly workGroupName = attrs.workGroupName;
      public readonly workGroupArn = Stack.of(scope).formatArn({ service: 'athena', resource: 'workgroup', resourceName: attrs.workGroupName });
      public readonly identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application', attrs.identityCenterApplicationArn);
    }
    return new Import(scope, id);
  }

  public readonly workGroupName: string;
  public readonly workGroupArn: string;
  public readonly identityCenterApplication: IIdentityCenterApplication;

  /** The role Athena assumes for the workgroup's users. */
  public readonly executionRole: iam.IRole;

  /** Where the workgroup writes query results (`s3://bucket/prefix`), as the drivers' `OutputLocation`. */
  public readonly outputLocation: string;

  /**
   * The workgroup's tags: `tags` and what `Tags.of()` adds. The handler sends them with
   * `CreateWorkGroup` and keeps them current with `TagResource` and `UntagResource`.
   */
  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: AthenaIdentityCenterWorkGroupProps) {
    super(scope, id);
    validateLength(this, 'workGroupName', props.workGroupName, 1, 128);
    validatePattern(this, 'workGroupName', props.workGroupName, WORKGROUP_NAME, 'may contain only letters, digits, . _ and -');
    const results = s3Location(this, 'resultsPrefix', props.resultsBucket, props.resultsPrefix);
    this.outputLocation = results.uri;
    const stack = Stack.of(this);

    this.workGroupName = props.workGroupName ?? `${Names.uniqueResourceName(this, { maxLength: 119, allowedSpecialCharacters: '-_.' })}-${
      createHash('sha256').update(JSON.stringify(stack.resolve(props.instance.instanceArn))).digest('hex').slice(0, 8)}`;
    this.workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName });

    this.executionRole = props.executionRole ?? new iam.Role(this, 'ExecutionRole', {
      assumedBy: identityEnhancedServices(['athena.amazonaws.com']),
      description: 'Lets Athena run queries for Identity Center users',
    });
    if (!props.executionRole) results.grantReadWrite(this.executionRole);

    this.tags = new TagManager(TagType.KEY_VALUE, ATHENA_WORKGROUP, props.tags);
    this.node.addValidation({ validate: () => this.tagProblems() });
    const provider = TipProvider.of(this);
    const resource = provider.customResource(this, 'Resource', ATHENA_WORKGROUP, {
      WorkGroupName: this.workGroupName,
      WorkGroupArn: this.workGroupArn,
      InstanceArn: props.instance.instanceArn,
      OutputLocation: results.uri,
      CreateUserLevelPrefix: props.createUserLevelPrefix ?? true,
      EngineVersion: props.engineVersion ?? 'AUTO',
      ExecutionRoleArn: this.executionRole.roleArn,
      // Rendered when the template is written, after Tags.of() has added its tags.
      Tags: Lazy.any({ produce: () => this.tags.renderTags() }, { omitEmptyArray: true }) as unknown as AthenaWorkGroupProperties['Tags'],
    });
    provider.permit(resource, 'AthenaWorkGroup', [{
      statement: new iam.PolicyStatement({
        // The handler tags the workgroups it creates (TagResource: Athena requires it to pass
        // tags to CreateWorkGroup), keeps their tags current (TagResource, UntagResource) and
        // reads them to recognize its own workgroup.
        actions: [
          'athena:CreateWorkGroup',
          'athena:UpdateWorkGroup',
          'athena:GetWorkGroup',
          'athena:DeleteWorkGroup',
          'athena:TagResource',
          'athena:UntagResource',
          'athena:ListTagsForResource',
        ],
        resources: [this.workGroupArn],
      }),
    }, {
      statement: new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.executionRole.roleArn] }),
    }]);
    // Athena creates and manages the workgroup's Identity Center application as the caller.
    provider.permit(resource, 'ServiceManagedApplications', serviceManagedApplicationStatements(this, props.instance));
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application',
      resource.getAttString(ATHENA_WORKGROUP_ATTRIBUTES.identityCenterApplicationArn));

    // Athena enables Identity Center only with both in place.
    resource.node.addDependency(props.lakeFormation, props.s3AccessGrants);
    // "Both Lake Formation and Amazon S3 Access Grants are required for access control to AWS
    // Glue Data Catalog and for Athena query results in Amazon S3"
    // (https://docs.aws.amazon.com/singlesignon/latest/userguide/tip-usecase-ate.html): users reach
    // their results through a location of the instance. Locations may be added after this
    // construct, so it is checked when the app is complete.
    const accessGrants = props.s3AccessGrants;
    if (accessGrants instanceof S3AccessGrantsIdentityCenter) {
      this.node.addValidation({
        validate: () => accessGrants.locations.some(location => location.covers(props.resultsBucket, props.resultsPrefix)) ? [] : [
          `the results location (bucket ${props.resultsBucket.node.path}, prefix ${JSON.stringify(props.resultsPrefix ?? '')}) `
          + `is not registered with S3 Access Grants instance ${accessGrants.node.path}, `
          + 'so users cannot read their query results; register it with addLocation',
        ],
      });
    }
  }

  /**
   * Tags Athena would refuse, or that would hide the construct's own: 50 per workgroup, keys of
   * 1 to 128 and values of at most 256 letters, digits, spaces and _ . : / = + - @, no aws: prefix
   * (athena/latest/ug/tags.html).
   */
  private tagProblems(): string[] {
    const tags: Array<{ Key: string; Value: string }> = this.tags.renderTags() ?? [];
    const from = '(from tags or Tags.of())';
    const allowed = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;
    const problems = tags.flatMap(({ Key, Value }) => Token.isUnresolved(Key) ? [] : [
      ...Key.length < 1 || Key.length > 128 ? [`tag key "${Key}" ${from} is ${Key.length} characters long; Athena allows 1 to 128`] : [],
      ...!allowed.test(Key) ? [`tag key "${Key}" ${from} may contain only letters, digits, spaces and _ . : / = + - @`] : [],
      ...!Token.isUnresolved(Value) && Value.length > 256 ? [`the value of tag "${Key}" ${from} is ${Value.length} characters long; Athena allows at most 256`] : [],
      ...!Token.isUnresolved(Value) && !allowed.test(Value) ? [`the value of tag "${Key}" ${from} may contain only letters, digits, spaces and _ . : / = + - @`] : [],
      ...Key.toLowerCase().startsWith('aws:') ? [`tag key "${Key}" ${from} starts with aws:, which AWS reserves; choose another key`] : [],
      ...Key.startsWith(OWN_TAG_PREFIX) ? [`tag key "${Key}" ${from} starts with ${OWN_TAG_PREFIX}, which the construct keeps for its own tags; choose another key`] : [],
    ]);
    if (tags.length > MAX_TAGS) {
      problems.push(`the workgroup has ${tags.length} tags (from tags, Tags.of() and the use case), but takes at most ${MAX_TAGS} besides the construct's own 2`);
    }
    return problems;
  }
}

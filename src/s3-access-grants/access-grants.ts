import { Aws, CfnResource, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from '../identity-center';
import { idPartFor } from '../private/construct-id';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { s3Location } from '../private/s3-location';
import { claimOncePerStack } from '../private/singleton';
import { validateDirectoryId, validatePattern } from '../private/validation';

/**
 * What an S3 access grant allows.
 */
export enum S3AccessGrantPermission {
  /** Read objects. */
  READ = 'READ',
  /** Write objects. */
  WRITE = 'WRITE',
  /** Read and write objects. */
  READWRITE = 'READWRITE',
}

/**
 * Properties of an `S3AccessGrantsIdentityCenter`.
 */
export interface S3AccessGrantsIdentityCenterProps {
  /** The Identity Center instance whose users and groups receive grants. */
  readonly instance: IIdentityCenterInstance;
}

/**
 * Options for a location of S3 Access Grants.
 */
export interface S3AccessGrantsLocationOptions {
  /** The bucket. */
  readonly bucket: s3.IBucket;

  /**
   * The prefix within the bucket, for example `sales/`.
   * @default - the whole bucket
   */
  readonly prefix?: string;

  /**
   * The role S3 Access Grants assumes to vend credentials for the location.
   * @default - a role trusted by access-grants.s3.amazonaws.com (`sts:AssumeRole`,
   * `sts:SetSourceIdentity` and `sts:SetContext`, for this account's instance only) that may
   * read and write the location
   */
  readonly role?: iam.IRole;
}

/**
 * The S3 Access Grants instance of this account and region, connected to IAM Identity Center,
 * so Identity Center users and groups can be granted S3 prefixes directly. AWS allows one
 * instance per account and region.
 *
 * @resource AWS::S3::AccessGrantsInstance
 */
export class S3AccessGrantsIdentityCenter extends Resource {
  /** The ARN of the S3 Access Grants instance. */
  public readonly accessGrantsInstanceArn: string;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: S3AccessGrantsIdentityCenterProps) {
    super(scope, id);
    claimOncePerStack(this, 's3-access-grants-instance', existing =>
      `this stack already has an S3AccessGrantsIdentityCenter (${existing.node.path}): S3 Access Grants allows one instance per account and region`);
    this.instance = props.instance;
    const resource = new s3.CfnAccessGrantsInstance(this, 'Resource', { identityCenterArn: props.instance.instanceArn });
    this.accessGrantsInstanceArn = resource.attrAccessGrantsInstanceArn;
  }

  /**
   * Registers a bucket or prefix with the instance, to grant Identity Center users and groups
   * parts of it.
   */
  public addLocation(id: string, options: S3AccessGrantsLocationOptions): S3AccessGrantsLocation {
    return new S3AccessGrantsLocation(this, id, { ...options, accessGrants: this });
  }
}

/**
 * Properties of an `S3AccessGrantsLocation`.
 */
export interface S3AccessGrantsLocationProps extends S3AccessGrantsLocationOptions {
  /** The S3 Access Grants instance to register the location with. */
  readonly accessGrants: S3AccessGrantsIdentityCenter;
}

const SUB_PREFIX = /^[^/][^]*$/;

/**
 * A bucket or prefix registered with S3 Access Grants.
 *
 * @resource AWS::S3::AccessGrantsLocation
 */
export class S3AccessGrantsLocation extends Construct {
  /** The id of the location. */
  public readonly accessGrantsLocationId: string;

  /** The role S3 Access Grants assumes for the location. */
  public readonly role: iam.IRole;

  private readonly grants: Construct;

  constructor(scope: Construct, id: string, props: S3AccessGrantsLocationProps) {
    super(scope, id);
    const location = s3Location(this, 'prefix', props.bucket, props.prefix);
    this.role = props.role ?? this.createRole();
    if (!props.role) location.grantReadWrite(this.role);

    const resource = new s3.CfnAccessGrantsLocation(this, 'Resource', {
      locationScope: location.uri,
      iamRoleArn: this.role.roleArn,
    });
    // Nothing references the instance, yet the location can only be registered once it exists.
    resource.addResourceDependency(props.accessGrants.node.defaultChild as CfnResource);
    this.accessGrantsLocationId = resource.attrAccessGrantsLocationId;
    this.grants = new Construct(this, 'Grants');
  }

  /**
   * Grants an Identity Center user access to the location or a part of it.
   *
   * @param userId the user's id in the identity store
   * @param permission what the user may do
   * @param subPrefix the part of the location, for example `reports/*`; default: all of it
   */
  public grantToUser(userId: string, permission: S3AccessGrantPermission, subPrefix?: string): s3.CfnAccessGrant {
    return this.grant('DIRECTORY_USER', 'userId', userId, permission, subPrefix);
  }

  /**
   * Grants an Identity Center group access to the location or a part of it.
   *
   * @param groupId the group's id in the identity store
   * @param permission what the group's members may do
   * @param subPrefix the part of the location, for example `reports/*`; default: all of it
   */
  public grantToGroup(groupId: string, permission: S3AccessGrantPermission, subPrefix?: string): s3.CfnAccessGrant {
    return this.grant('DIRECTORY_GROUP', 'groupId', groupId, permission, subPrefix);
  }

  private grant(
    granteeType: string, prop: string, granteeIdentifier: string, permission: S3AccessGrantPermission, subPrefix?: string,
  ): s3.CfnAccessGrant {
    validateDirectoryId(this, prop, granteeIdentifier);
    validatePattern(this, 'subPrefix', subPrefix, SUB_PREFIX, 'must not start with /');
    const scope = subPrefix === undefined ? 'all' : idPartFor(this, subPrefix).replace(/\*/g, 'all').replace(/[^\w-]/g, '_');
    const id = `${granteeType}-${idPartFor(this, granteeIdentifier)}-${permission}-${scope}`;
    return new s3.CfnAccessGrant(this.grants, id, {
      accessGrantsLocationId: this.accessGrantsLocationId,
      grantee: { granteeType, granteeIdentifier },
      permission,
      accessGrantsLocationConfiguration: subPrefix ? { s3SubPrefix: subPrefix } : undefined,
    });
  }

  private createRole(): iam.IRole {
    const stack = Stack.of(this);
    // Only this account's Access Grants instance may assume the role.
    const conditions = {
      StringEquals: {
        'aws:SourceAccount': Aws.ACCOUNT_ID,
        'aws:SourceArn': stack.formatArn({ service: 's3', resource: 'access-grants', resourceName: 'default' }),
      },
    };
    return new iam.Role(this, 'Role', {
      assumedBy: identityEnhancedServices(['access-grants.s3.amazonaws.com'], { conditions, extraActions: ['sts:SetSourceIdentity'] }),
      description: 'Lets S3 Access Grants vend credentials for a registered location to Identity Center users',
    });
  }
}

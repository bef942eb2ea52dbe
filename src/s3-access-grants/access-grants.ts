import { Arn, ArnFormat, Aws, IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from '../identity-center';
import { idPartFor } from '../private/construct-id';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER, S3_ACCESS_GRANTS_IDENTITY_CENTER_ATTRIBUTES } from '../private/contracts/s3-access-grants-identity-center';
import { serviceManagedApplicationStatements } from '../private/identity-center-permissions';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { markImported } from '../private/imported';
import { TipProvider } from '../private/provider';
import { s3Location } from '../private/s3-location';
import { claimOncePerStack } from '../private/singleton';
import { importPath, validateDirectoryId, validatePattern } from '../private/validation';

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
 * An S3 Access Grants instance connected to IAM Identity Center.
 */
export interface IS3AccessGrantsIdentityCenter extends IResource {
  /**
   * The ARN of the S3 Access Grants instance.
   * @attribute
   */
  readonly accessGrantsInstanceArn: string;

  /**
   * Registers a bucket or prefix with the instance, to grant Identity Center users and groups
   * parts of it.
   */
  addLocation(id: string, options: S3AccessGrantsLocationOptions): S3AccessGrantsLocation;
}

/**
 * Properties of an `S3AccessGrantsIdentityCenter`.
 */
export interface S3AccessGrantsIdentityCenterProps {
  /** The Identity Center instance whose users and groups receive grants. */
  readonly instance: IIdentityCenterInstance;

  /**
   * Whether to use the S3 Access Grants instance the account already has in this region (AWS
   * allows one per account and region) instead of creating one. A custom resource associates it
   * with `instance` if it has no Identity Center association, accepts it if it is already
   * associated with `instance`, and fails if it is associated with another one. On delete it
   * dissociates only an association it made; the instance itself is never deleted.
   * @default false - this stack creates the instance
   */
  readonly useExistingInstance?: boolean;
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
export class S3AccessGrantsIdentityCenter extends Resource implements IS3AccessGrantsIdentityCenter {
  /**
   * Imports the instance by its ARN, for example from the platform stack that made it.
   */
  public static fromAccessGrantsInstanceArn(scope: Construct, id: string, accessGrantsInstanceArn: string): IS3AccessGrantsIdentityCenter {
    validatePattern(importPath(scope, id), 'accessGrantsInstanceArn', accessGrantsInstanceArn, ACCESS_GRANTS_INSTANCE_ARN,
      'must be an S3 Access Grants instance ARN, arn:<partition>:s3:<region>:<account>:access-grants/default');
    class Import extends Resource implements IS3AccessGrantsIdentityCenter {
      public readonly accessGrantsInstanceArn = accessGrantsInstanceArn;
      public addLocation(locationId: string, options: S3AccessGrantsLocationOptions): S3AccessGrantsLocation {
        return new S3AccessGrantsLocation(this, locationId, { ...options, accessGrants: this });
      }
    }
    const imported = new Import(scope, id, Token.isUnresolved(accessGrantsInstanceArn) ? {} : {
      account: Arn.split(accessGrantsInstanceArn, ArnFormat.SLASH_RESOURCE_NAME).account,
      region: Arn.split(accessGrantsInstanceArn, ArnFormat.SLASH_RESOURCE_NAME).region,
    });
    markImported(imported, 'S3AccessGrantsIdentityCenter');
    return imported;
  }

  public readonly accessGrantsInstanceArn: string;

  private readonly registered: S3AccessGrantsLocation[] = [];

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: S3AccessGrantsIdentityCenterProps) {
    super(scope, id);
    claimOncePerStack(this, 's3-access-grants-instance', existing =>
      `this stack already has an S3AccessGrantsIdentityCenter (${existing.node.path}): S3 Access Grants allows one instance per account and region`);
    this.instance = props.instance;
    this.accessGrantsInstanceArn = props.useExistingInstance ? this.associateExisting(props.instance) : new s3.CfnAccessGrantsInstance(this, 'Resource', {
      identityCenterArn: props.instance.instanceArn,
    }).attrAccessGrantsInstanceArn;
  }

  /** The locations registered with this instance in this app. */
  public get locations(): S3AccessGrantsLocation[] {
    return [...this.registered];
  }

  public addLocation(id: string, options: S3AccessGrantsLocationOptions): S3AccessGrantsLocation {
    return new S3AccessGrantsLocation(this, id, { ...options, accessGrants: this });
  }

  /** @internal */
  public _register(location: S3AccessGrantsLocation): void {
    this.registered.push(location);
  }

  /** The account's existing instance, associated with `instance` by a custom resource; returns its ARN. */
  private associateExisting(instance: IIdentityCenterInstance): string {
    const stack = Stack.of(this);
    const provider = TipProvider.of(this);
    // Its own id: a custom resource under the id of the AWS::S3::AccessGrantsInstance would be a type
    // change of one logical id, which CloudFormation refuses.
    const resource = provider.customResource(this, 'Association', S3_ACCESS_GRANTS_IDENTITY_CENTER, {
      AccountId: stack.account,
      IdentityCenterInstanceArn: instance.instanceArn,
    });
    // Locations depend on the default child: they are registered once the instance is associated.
    this.node.defaultChild = resource;
    // The instance's ARN ends in its id, which is always "default" (GetAccessGrantsInstance:
    // "The ID is default. You can have one S3 Access Grants instance per Region per account").
    const instanceArn = stack.formatArn({ service: 's3', resource: 'access-grants', resourceName: 'default' });
    provider.permit(resource, 'S3AccessGrants', [{
      statement: new iam.PolicyStatement({
        actions: ['s3:GetAccessGrantsInstance', 's3:AssociateAccessGrantsIdentityCenter', 's3:DissociateAccessGrantsIdentityCenter'],
        resources: [instanceArn],
      }),
    }]);
    // S3 Access Grants creates and deletes its Identity Center application as the caller
    // (AssociateAccessGrantsIdentityCenter: "You must also have the following permissions:
    // sso:CreateApplication, sso:PutApplicationGrant, and sso:PutApplicationAuthenticationMethod").
    provider.permit(resource, 'ServiceManagedApplications', serviceManagedApplicationStatements(this, instance));
    return resource.getAttString(S3_ACCESS_GRANTS_IDENTITY_CENTER_ATTRIBUTES.accessGrantsInstanceArn);
  }
}

/**
 * A location registered with S3 Access Grants, whose parts can be granted to Identity Center
 * users and groups.
 */
export interface IS3AccessGrantsLocation extends IResource {
  /**
   * The id of the location.
   * @attribute
   */
  readonly accessGrantsLocationId: string;

  /**
   * Grants an Identity Center user access to the location or a part of it.
   *
   * @param userId the user's id in the identity store
   * @param permission what the user may do
   * @param subPrefix the part of the location, for example `reports/*`; default: all of it
   */
  grantToUser(userId: string, permission: S3AccessGrantPermission, subPrefix?: string): s3.CfnAccessGrant;

  /**
   * Grants an Identity Center group access to the location or a part of it.
   *
   * @param groupId the group's id in the identity store
   * @param permission what the group's members may do
   * @param subPrefix the part of the location, for example `reports/*`; default: all of it
   */
  grantToGroup(groupId: string, permission: S3AccessGrantPermission, subPrefix?: string): s3.CfnAccessGrant;
}

/**
 * Properties of an `S3AccessGrantsLocation`.
 */
export interface S3AccessGrantsLocationProps extends S3AccessGrantsLocationOptions {
  /** The S3 Access Grants instance to register the location with. */
  readonly accessGrants: IS3AccessGrantsIdentityCenter;
}

// The s3control API model's AccessGrantsInstanceArn pattern, narrowed to the instance's only name.
const ACCESS_GRANTS_INSTANCE_ARN = /^arn:[a-z-]+:s3:[a-z0-9-]+:\d{12}:access-grants\/default$/;
// The s3control API model's AccessGrantsLocationId pattern.
const LOCATION_ID = /^[a-zA-Z0-9\-]+$/;

const SUB_PREFIX = /^[^/][^]*$/;

abstract class S3AccessGrantsLocationBase extends Resource implements IS3AccessGrantsLocation {
  public abstract readonly accessGrantsLocationId: string;

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
    return new s3.CfnAccessGrant(this.grants(), id, {
      accessGrantsLocationId: this.accessGrantsLocationId,
      grantee: { granteeType, granteeIdentifier },
      permission,
      accessGrantsLocationConfiguration: subPrefix ? { s3SubPrefix: subPrefix } : undefined,
    });
  }

  private grants(): Construct {
    return this.node.tryFindChild('Grants') as Construct | undefined ?? new Construct(this, 'Grants');
  }
}

/**
 * A bucket or prefix registered with S3 Access Grants.
 *
 * @resource AWS::S3::AccessGrantsLocation
 */
export class S3AccessGrantsLocation extends S3AccessGrantsLocationBase {
  /**
   * Imports a location by its id, to grant parts of it from another stack.
   */
  public static fromAccessGrantsLocationId(scope: Construct, id: string, accessGrantsLocationId: string): IS3AccessGrantsLocation {
    validatePattern(importPath(scope, id), 'accessGrantsLocationId', accessGrantsLocationId, LOCATION_ID, 'may contain only letters, digits and -');
    class Import extends S3AccessGrantsLocationBase {
      public readonly accessGrantsLocationId = accessGrantsLocationId;
    }
    return new Import(scope, id);
  }

  public readonly accessGrantsLocationId: string;

  /** The role S3 Access Grants assumes for the location. */
  public readonly role: iam.IRole;

  /** The bucket of the location. */
  public readonly bucket: s3.IBucket;

  /**
   * The prefix of the location within the bucket.
   * @default - the whole bucket
   */
  public readonly prefix?: string;

  constructor(scope: Construct, id: string, props: S3AccessGrantsLocationProps) {
    super(scope, id);
    const location = s3Location(this, 'prefix', props.bucket, props.prefix);
    this.bucket = props.bucket;
    this.prefix = props.prefix;
    this.role = props.role ?? this.createRole();
    if (!props.role) location.grantReadWrite(this.role);

    const resource = new s3.CfnAccessGrantsLocation(this, 'Resource', {
      locationScope: location.uri,
      iamRoleArn: this.role.roleArn,
    });
    // Nothing references the instance, yet the location can only be registered once it exists
    // (and, for an existing instance, once it is associated with Identity Center).
    const instance = props.accessGrants.node.defaultChild;
    if (instance) resource.node.addDependency(instance);
    if (props.accessGrants instanceof S3AccessGrantsIdentityCenter) props.accessGrants._register(this);
    this.accessGrantsLocationId = resource.attrAccessGrantsLocationId;
  }

  /**
   * Whether the location covers `prefix` (default: the whole bucket) of `bucket`: the same
   * bucket (object or name), and a prefix at or below the location's, compared by path segment.
   */
  public covers(bucket: s3.IBucket, prefix?: string): boolean {
    const stack = Stack.of(this);
    const sameBucket = bucket === this.bucket
      || JSON.stringify(stack.resolve(bucket.bucketName)) === JSON.stringify(stack.resolve(this.bucket.bucketName));
    const folder = (value: string | undefined) => value ? `${value.replace(/\/+$/, '')}/` : '';
    return sameBucket && folder(prefix).startsWith(folder(this.prefix));
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

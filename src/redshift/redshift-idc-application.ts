import { IResource, Lazy, Names, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import { Construct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance, JwtBearerIssuer } from '../identity-center';
import { validateIdcDisplayName, validateRedshiftApplicationName } from './private/validation';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { acknowledgeWildcards } from '../private/nag';
import { acknowledgeSchemaGap } from '../private/schema-gap';
import { importPath, invalid, Owner, spelled, validateAudiences, validateCount, validateLength, validatePattern } from '../private/validation';

/**
 * The kind of Redshift Identity Center application.
 */
export enum RedshiftApplicationType {
  /** A standard application: Redshift authorizes with its own roles. */
  NONE = 'None',
  /**
   * A lakehouse application: Redshift queries data that AWS Lake Formation authorizes. One per
   * account; needs both `lakeFormationQuery` and `redshiftConnect`.
   */
  LAKEHOUSE = 'Lakehouse',
}

/**
 * An Amazon Redshift Identity Center application: connects Redshift clusters and Serverless
 * namespaces to IAM Identity Center.
 */
export interface IRedshiftIdcApplication extends IResource {
  /**
   * The ARN of the Redshift IdC application.
   * @attribute
   */
  readonly redshiftIdcApplicationArn: string;

  /**
   * The Identity Center application Redshift manages for it: the target to authorize access
   * scopes and QuickSight identity propagation for.
   */
  readonly identityCenterApplication: IIdentityCenterApplication;

  /**
   * The namespace Identity Center users and groups get in Redshift (`<namespace>:<name>`).
   * @default - not known (imported without it)
   */
  readonly identityNamespace?: string;

  /**
   * The IAM role Redshift uses to call Identity Center.
   * @default - not known (imported without it)
   */
  readonly role?: iam.IRole;

  /**
   * Connects a Redshift Serverless namespace to this application. Set it when the namespace
   * is created: the Redshift Serverless API cannot add it to an existing namespace.
   */
  attachToServerlessNamespace(namespace: redshiftserverless.CfnNamespace): void;
}

/**
 * Attributes of an existing Redshift IdC application.
 */
export interface RedshiftIdcApplicationAttributes {
  /** The ARN of the Redshift IdC application. */
  readonly redshiftIdcApplicationArn: string;

  /** The ARN of the Identity Center application that Redshift manages for it (`IdcManagedApplicationArn`). */
  readonly identityCenterApplicationArn: string;

  /**
   * The identity namespace of the application.
   * @default - not known; needed to attach the application to a provisioned cluster
   */
  readonly identityNamespace?: string;

  /**
   * The IAM role of the application.
   * @default - not known; needed to attach the application to a provisioned cluster
   */
  readonly role?: iam.IRole;
}

/**
 * Properties of a `RedshiftIdcApplication`.
 */
export interface RedshiftIdcApplicationProps {
  /** The Identity Center instance to connect Redshift to. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The name of the application, `[a-z][a-z0-9]*(-[a-z0-9]+)*`, at most 63 characters.
   * Changing it replaces the application.
   * @default - a name generated from the construct path
   */
  readonly redshiftIdcApplicationName?: string;

  /** The name Identity Center shows for the application, 1 to 127 of `[\w+=,.@-]`. */
  readonly idcDisplayName: string;

  /**
   * The namespace Identity Center users and groups get in Redshift: the group `analysts`
   * becomes the role `<namespace>:analysts`. 1 to 127 of `[a-zA-Z0-9_+.#@$-]`.
   * @default 'AWSIDC'
   */
  readonly identityNamespace?: string;

  /**
   * The IAM role Redshift uses to call Identity Center.
   * @default - a role trusted by redshift.amazonaws.com and redshift-serverless.amazonaws.com
   * (`sts:AssumeRole` and `sts:SetContext`) that may describe this instance and its applications
   */
  readonly role?: iam.IRole;

  /**
   * Trusted token issuers whose tokens third-party SQL clients and custom applications may
   * present to Redshift directly, with their audiences (1 to 10 each).
   * @default - none
   */
  readonly authorizedTokenIssuers?: JwtBearerIssuer[];

  /**
   * Whether Redshift may query data that AWS Lake Formation authorizes for Identity Center users.
   * @default false
   */
  readonly lakeFormationQuery?: boolean;

  /**
   * Whether Identity Center users may connect to Redshift through other AWS services
   * (the Redshift "Connect" integration).
   * @default false
   */
  readonly redshiftConnect?: boolean;

  /**
   * Whether Redshift may read and write S3 through S3 Access Grants for Identity Center users.
   * @default false
   */
  readonly s3AccessGrants?: boolean;

  /**
   * The kind of application. Changing it replaces the application.
   * @default RedshiftApplicationType.NONE
   */
  readonly applicationType?: RedshiftApplicationType;
}

// The pattern of AWS::Redshift::RedshiftIdcApplication's IdentityNamespace.
const IDENTITY_NAMESPACE = /^[a-zA-Z0-9_+.#@$-]+$/;

abstract class RedshiftIdcApplicationBase extends Resource implements IRedshiftIdcApplication {
  public abstract readonly redshiftIdcApplicationArn: string;
  public abstract readonly identityCenterApplication: IIdentityCenterApplication;
  public abstract readonly identityNamespace?: string;
  public abstract readonly role?: iam.IRole;

  /**
   * Connects a Redshift Serverless namespace to this application. Set it when the namespace
   * is created: the Redshift Serverless API cannot add it to an existing namespace.
   */
  public attachToServerlessNamespace(namespace: redshiftserverless.CfnNamespace): void {
    namespace.redshiftIdcApplicationArn = this.redshiftIdcApplicationArn;
  }
}

/**
 * An Amazon Redshift Identity Center application, so Identity Center users can connect to
 * Redshift as themselves and Redshift can pass their identity on to Lake Formation and S3
 * Access Grants.
 *
 * Attach it to a Serverless namespace with `attachToServerlessNamespace`, or to a provisioned
 * cluster with a `RedshiftClusterIdentityProvider`.
 *
 * @resource AWS::Redshift::RedshiftIdcApplication
 */
export class RedshiftIdcApplication extends RedshiftIdcApplicationBase {
  /**
   * Imports an application by its attributes.
   */
  public static fromRedshiftIdcApplicationAttributes(scope: Construct, id: string, attrs: RedshiftIdcApplicationAttributes): IRedshiftIdcApplication {
    validateIdentityNamespace(importPath(scope, id), attrs.identityNamespace);
    class Import extends RedshiftIdcApplicationBase {
      public readonly redshiftIdcApplicationArn = attrs.redshiftIdcApplicationArn;
      public readonly identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'IdcManagedApplication',
        attrs.identityCenterApplicationArn);
      public readonly identityNamespace = attrs.identityNamespace;
      public readonly role = attrs.role;
    }
    return new Import(scope, id);
  }

  public readonly redshiftIdcApplicationArn: string;
  public readonly identityCenterApplication: IIdentityCenterApplication;
  // Optional only because the interface allows imports without them; always set here.
  public readonly identityNamespace?: string;
  public readonly role?: iam.IRole;

  /** The name of the application. */
  public readonly redshiftIdcApplicationName: string;

  /** Whether Redshift may query data that Lake Formation authorizes for Identity Center users. */
  public readonly lakeFormationQuery: boolean;

  /** Whether the Redshift "Connect" integration is on. */
  public readonly redshiftConnect: boolean;

  /** Whether Redshift may use S3 Access Grants for Identity Center users. */
  public readonly s3AccessGrants: boolean;

  private readonly tokenIssuers: JwtBearerIssuer[] = [];

  constructor(scope: Construct, id: string, props: RedshiftIdcApplicationProps) {
    super(scope, id, { physicalName: props.redshiftIdcApplicationName });

    validateRedshiftApplicationName(this, 'redshiftIdcApplicationName', props.redshiftIdcApplicationName);
    validateIdcDisplayName(this, props.idcDisplayName);
    validateIdentityNamespace(this, props.identityNamespace);
    if (props.authorizedTokenIssuers) validateCount(this, 'authorizedTokenIssuers', props.authorizedTokenIssuers, 1, 10);
    (props.authorizedTokenIssuers ?? []).forEach((entry, i) => validateAudiences(this, `authorizedTokenIssuers[${i}].audiences`, entry.audiences));
    this.tokenIssuers.push(...props.authorizedTokenIssuers ?? []);
    if (props.applicationType === RedshiftApplicationType.LAKEHOUSE && !(props.lakeFormationQuery && props.redshiftConnect)) {
      invalid(this, `applicationType Lakehouse needs both ${spelled('lakeFormationQuery', true)} and ${spelled('redshiftConnect', true)} `
        + `(got lakeFormationQuery: ${props.lakeFormationQuery ?? false}, redshiftConnect: ${props.redshiftConnect ?? false})`);
    }

    this.redshiftIdcApplicationName = props.redshiftIdcApplicationName
      ?? Names.uniqueResourceName(this, { maxLength: 63 }).toLowerCase();
    this.lakeFormationQuery = props.lakeFormationQuery ?? false;
    this.redshiftConnect = props.redshiftConnect ?? false;
    this.s3AccessGrants = props.s3AccessGrants ?? false;
    const identityNamespace = props.identityNamespace ?? 'AWSIDC';
    const role = props.role ?? this.createRole(props.instance);
    this.identityNamespace = identityNamespace;
    this.role = role;

    const integration = (enabled: boolean | undefined, body: object) => enabled ? [body] : [];
    const serviceIntegrations = [
      ...integration(props.lakeFormationQuery, { lakeFormation: [{ lakeFormationQuery: { authorization: 'Enabled' } }] }),
      ...integration(props.redshiftConnect, { redshift: [{ connect: { authorization: 'Enabled' } }] }),
      ...integration(props.s3AccessGrants, { s3AccessGrants: [{ readWriteAccess: { authorization: 'Enabled' } }] }),
    ];

    const resource = new redshift.CfnRedshiftIdcApplication(this, 'Resource', {
      idcInstanceArn: props.instance.instanceArn,
      redshiftIdcApplicationName: this.redshiftIdcApplicationName,
      idcDisplayName: props.idcDisplayName,
      identityNamespace,
      iamRoleArn: role.roleArn,
      applicationType: props.applicationType,
      // Issuers may be added after the construct (addAuthorizedTokenIssuer).
      authorizedTokenIssuerList: Lazy.any({
        produce: () => this.tokenIssuers.map(entry => ({
          trustedTokenIssuerArn: entry.issuer.trustedTokenIssuerArn,
          authorizedAudiencesList: entry.audiences,
        })),
      }, { omitEmptyArray: true }),
      serviceIntegrations: serviceIntegrations.length > 0 ? serviceIntegrations : undefined,
    });
    acknowledgeSchemaGap(resource);
    this.redshiftIdcApplicationArn = resource.attrRedshiftIdcApplicationArn;
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'IdcManagedApplication', resource.attrIdcManagedApplicationArn);
  }


  /**
   * Lets Redshift accept tokens of a trusted token issuer, with the given audiences, directly
   * from third-party SQL clients and custom applications (`AuthorizedTokenIssuerList`); at most
   * 10 issuers.
   */
  public addAuthorizedTokenIssuer(issuer: JwtBearerIssuer): void {
    // An issuer Redshift already accepts gets the new audiences, not a second entry.
    const index = this.tokenIssuers.findIndex(entry => entry.issuer === issuer.issuer
      || entry.issuer.trustedTokenIssuerArn === issuer.issuer.trustedTokenIssuerArn);
    const audiences = index < 0 ? issuer.audiences : [...new Set([...this.tokenIssuers[index].audiences, ...issuer.audiences])];
    validateAudiences(this, `authorizedTokenIssuers[${index < 0 ? this.tokenIssuers.length : index}].audiences`, audiences);
    if (index >= 0) {
      this.tokenIssuers[index] = { issuer: issuer.issuer, audiences };
      return;
    }
    if (this.tokenIssuers.length === 10) {
      invalid(this, `authorizedTokenIssuers may have at most 10 entries; adding ${issuer.issuer.node.path} would make 11 `
        + `(Redshift's AuthorizedTokenIssuerList; already: ${this.tokenIssuers.map(entry => entry.issuer.node.path).join(', ')})`);
    }
    this.tokenIssuers.push(issuer);
  }

  private createRole(instance: IIdentityCenterInstance): iam.IRole {
    const role = new iam.Role(this, 'Role', {
      assumedBy: identityEnhancedServices(['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com']),
      description: 'Lets Amazon Redshift read its IAM Identity Center application and instance',
    });
    const describe = new iam.PolicyStatement({
      actions: ['sso:DescribeApplication', 'sso:DescribeInstance'],
      resources: [
        instance.instanceArn,
        Stack.of(this).formatArn({ service: 'sso', region: '', account: '*', resource: 'application', resourceName: `${instance.instanceId}/*` }),
      ],
    });
    role.addToPolicy(describe);
    acknowledgeWildcards(role, describe, 'Redshift describes the applications of the instance it is connected to, including ones it creates itself');
    // The rest of the policy AWS gives this role ("AllowRedshiftApplication" in "Setting up trusted
    // identity propagation with Amazon Redshift Query Editor V2", linked from
    // https://docs.aws.amazon.com/singlesignon/latest/userguide/tip-usecase-redshift.html), which
    // grants these on "*"; the "AllowIDCPermissions" half is `describe` above.
    const redshiftApplication = new iam.PolicyStatement({
      actions: [
        'redshift:DescribeQev2IdcApplications',
        'redshift-serverless:ListNamespaces',
        'redshift-serverless:ListWorkgroups',
        'redshift-serverless:GetWorkgroup',
      ],
      resources: ['*'],
    });
    role.addToPolicy(redshiftApplication);
    acknowledgeWildcards(role, redshiftApplication, 'AWS\'s Redshift trusted identity propagation policy grants these on "*": the list actions and '
      + 'DescribeQev2IdcApplications have no resource type, and Redshift reads whichever Serverless workgroups use the application');
    return role;
  }
}

function validateIdentityNamespace(owner: Owner, value: string | undefined): void {
  validateLength(owner, 'identityNamespace', value, 1, 127);
  validatePattern(owner, 'identityNamespace', value, IDENTITY_NAMESPACE, 'may contain only letters, digits and _+.#@$-');
}

import { Resource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from '../identity-center';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { acknowledgeNag } from '../private/nag';
import { invalid, validateLength } from '../private/validation';

/** How Identity Center users get into a SageMaker Unified Studio domain. */
export enum DataZoneUserAssignment {
  /** Every user of the instance may sign in. */
  AUTOMATIC = 'AUTOMATIC',
  /** Only users and groups added to the domain may sign in. */
  MANUAL = 'MANUAL',
}

/**
 * Properties of a `DataZoneDomainIdentityCenter`.
 */
export interface DataZoneDomainIdentityCenterProps {
  /** The Identity Center instance users sign in with. */
  readonly instance: IIdentityCenterInstance;

  /** The name of the domain. */
  readonly domainName: string;

  /**
   * A description of the domain.
   * @default - none
   */
  readonly description?: string;

  /**
   * Whether every user of the instance may sign in, or only those added to the domain.
   * @default DataZoneUserAssignment.MANUAL
   */
  readonly userAssignment?: DataZoneUserAssignment;

  /**
   * A KMS key for the domain's data.
   * @default - an AWS owned key
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * A SageMaker Unified Studio domain (`AWS::DataZone::Domain`, version V2) whose users sign in
 * with IAM Identity Center (`SingleSignOn` `IAM_IDC`), with the roles AWS documents for it
 * (sagemaker-unified-studio/latest/adminguide): the domain execution role, trusted by DataZone
 * with `sts:SetContext` to act for signed-in users; the domain service role; and a query
 * execution role, trusted by Lake Formation and Glue with `sts:SetContext`, for Athena queries
 * as the user. New domains propagate identities to Athena, Redshift, Glue, EMR on EC2 and EMR
 * Serverless ("Starting on 9/30/2025 …", trusted-identity-propagation.html);
 * `enableOnConnection` turns it on for a connection.
 *
 * @resource AWS::DataZone::Domain
 */
export class DataZoneDomainIdentityCenter extends Resource {
  /**
   * Turns trusted identity propagation on for a connection of the domain
   * (`EnableTrustedIdentityPropagation`; a create-only property: changing it replaces the connection).
   */
  public static enableOnConnection(connection: datazone.CfnConnection): void {
    connection.enableTrustedIdentityPropagation = true;
  }

  /**
   * The id of the domain.
   * @attribute
   */
  public readonly domainId: string;

  /**
   * The ARN of the domain.
   * @attribute
   */
  public readonly domainArn: string;

  /**
   * The URL of the domain's portal.
   * @attribute
   */
  public readonly portalUrl: string;

  /** The role SageMaker Unified Studio acts for signed-in users with. */
  public readonly domainExecutionRole: iam.Role;

  /** The role of the domain's own actions. */
  public readonly serviceRole: iam.Role;

  /**
   * The role Lake Formation and Glue assume, with the user's context, to run Athena queries as the
   * user ("AWS LakeFormation assumes this role to vend credentials needed by Amazon Athena during
   * query execution", AmazonSageMakerQueryExecution.html). Allow it the data.
   */
  public readonly queryExecutionRole: iam.Role;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: DataZoneDomainIdentityCenterProps) {
    super(scope, id);
    validateLength(this, 'domainName', props.domainName, 1, 64);
    validateLength(this, 'description', props.description, 0, 2048);
    if (props.userAssignment !== undefined && !Object.values(DataZoneUserAssignment).includes(props.userAssignment)) {
      invalid(this, `userAssignment must be AUTOMATIC or MANUAL (got ${JSON.stringify(props.userAssignment)})`);
    }
    this.instance = props.instance;
    const account = Stack.of(this).account;
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': account } };

    // The trust policies AWS gives these roles (AmazonSageMakerDomainExecution.html,
    // AmazonSageMakerDomainService.html, AmazonSageMakerQueryExecution.html).
    this.domainExecutionRole = new iam.Role(this, 'DomainExecutionRole', {
      assumedBy: identityEnhancedServices(['datazone.amazonaws.com'], {
        conditions: { ...sourceAccount, 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } },
        extraActions: ['sts:TagSession'],
      }),
      description: 'SageMaker Unified Studio acting for its signed-in users',
    });
    withAwsManagedPolicy(this.domainExecutionRole, 'SageMakerStudioDomainExecutionRolePolicy');
    this.serviceRole = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('datazone.amazonaws.com').withConditions(sourceAccount),
      description: 'SageMaker Unified Studio domain actions',
    });
    withAwsManagedPolicy(this.serviceRole, 'SageMakerStudioDomainServiceRolePolicy');
    this.queryExecutionRole = new iam.Role(this, 'QueryExecutionRole', {
      assumedBy: identityEnhancedServices(['lakeformation.amazonaws.com', 'glue.amazonaws.com'], { conditions: sourceAccount }),
      description: 'Athena queries of SageMaker Unified Studio users, as the user',
    });

    const resource = new datazone.CfnDomain(this, 'Resource', {
      name: props.domainName,
      description: props.description,
      domainVersion: 'V2',
      domainExecutionRole: this.domainExecutionRole.roleArn,
      serviceRole: this.serviceRole.roleArn,
      kmsKeyIdentifier: props.encryptionKey?.keyArn,
      singleSignOn: {
        type: 'IAM_IDC',
        userAssignment: props.userAssignment ?? DataZoneUserAssignment.MANUAL,
        idcInstanceArn: props.instance.instanceArn,
      },
    });
    this.domainId = resource.attrId;
    this.domainArn = resource.attrArn;
    this.portalUrl = resource.attrPortalUrl;
  }
}

/** Attaches the AWS managed service-role policy `name`, which AWS maintains for the role, and says so to cdk-nag. */
function withAwsManagedPolicy(role: iam.Role, name: string): void {
  role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`service-role/${name}`));
  acknowledgeNag(role, [`AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}]`],
    'The policy AWS maintains for SageMaker Unified Studio domain roles (sagemaker-unified-studio/latest/adminguide)');
}

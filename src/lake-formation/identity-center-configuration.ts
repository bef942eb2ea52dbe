import { IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { LAKE_FORMATION_IDENTITY_CENTER, LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES } from '../private/contracts/lake-formation-identity-center';
import { serviceManagedApplicationStatements } from '../private/identity-center-permissions';
import { markImported } from '../private/imported';
import { ReasonedStatement } from '../private/nag';
import { TipProvider } from '../private/provider';
import { claimOncePerStack } from '../private/singleton';
import { importPath, validateApplicationArn, validateCount, validateLength } from '../private/validation';

/**
 * The Lake Formation Identity Center configuration of a Data Catalog.
 */
export interface ILakeFormationIdentityCenterConfiguration extends IResource {
  /**
   * The Data Catalog the configuration is for.
   * @attribute
   */
  readonly catalogId: string;

  /**
   * The Identity Center application Lake Formation manages for the catalog: the target of
   * custom applications' `lakeformation:query` scope.
   */
  readonly identityCenterApplication: IIdentityCenterApplication;
}

/**
 * Attributes of an existing Lake Formation Identity Center configuration, for example one a
 * platform stack made.
 */
export interface LakeFormationIdentityCenterConfigurationAttributes {
  /**
   * The Data Catalog the configuration is for.
   * @default - the catalog of the importing stack's account
   */
  readonly catalogId?: string;

  /** The ARN of the Identity Center application Lake Formation manages for the catalog. */
  readonly identityCenterApplicationArn: string;
}

/**
 * Properties of a `LakeFormationIdentityCenterConfiguration`.
 */
export interface LakeFormationIdentityCenterConfigurationProps {
  /** The Identity Center instance whose users and groups Lake Formation grants to. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The Data Catalog to configure.
   * @default - the catalog of this stack's account
   */
  readonly catalogId?: string;

  /**
   * Third-party engines (Identity Center applications) allowed to query the catalog as
   * Identity Center users, with Lake Formation filtering the data (external filtering). 1 to 10.
   * @default - no external engines
   */
  readonly externalFiltering?: IIdentityCenterApplication[];

  /**
   * AWS accounts, organizations or organizational units (ARNs) the Identity Center configuration
   * is shared with through AWS RAM, at most 30.
   * @default - not shared
   */
  readonly shareRecipients?: string[];

  /**
   * Whether Amazon Redshift may query the catalog as Identity Center users (the Redshift
   * "Connect" integration a lakehouse Redshift application needs).
   * @default false
   */
  readonly redshiftConnect?: boolean;

  /**
   * Whether to take over the configuration the catalog already has for this instance: the
   * create records its settings and converges them to these props, and the delete gives them
   * back as found instead of deleting the configuration. A configuration for another instance
   * is refused either way.
   * @default false - a catalog that already has a configuration is refused
   */
  readonly adoptExisting?: boolean;
}

/**
 * Connects AWS Lake Formation to IAM Identity Center for one Data Catalog, so Lake Formation
 * permissions can be granted to Identity Center users and groups and enforced for their
 * identity-enhanced sessions. One per catalog.
 *
 * CloudFormation has no type for it; a custom resource calls
 * `Create/Update/Delete/DescribeLakeFormationIdentityCenterConfiguration`. Changes update the
 * configuration in place; only a new instance or catalog recreates it.
 */
export class LakeFormationIdentityCenterConfiguration extends Resource implements ILakeFormationIdentityCenterConfiguration {
  /**
   * Imports a configuration by its attributes, to use it from another stack.
   */
  public static fromLakeFormationIdentityCenterConfigurationAttributes(
    scope: Construct, id: string, attrs: LakeFormationIdentityCenterConfigurationAttributes,
  ): ILakeFormationIdentityCenterConfiguration {
    validateApplicationArn(importPath(scope, id), 'identityCenterApplicationArn', attrs.identityCenterApplicationArn);
    class Import extends Resource implements ILakeFormationIdentityCenterConfiguration {
      public readonly catalogId = attrs.catalogId ?? Stack.of(scope).account;
      public readonly identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application', attrs.identityCenterApplicationArn);
    }
    const imported = new Import(scope, id);
    markImported(imported, 'LakeFormationIdentityCenterConfiguration');
    return imported;
  }

  public readonly identityCenterApplication: IIdentityCenterApplication;
  public readonly catalogId: string;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: LakeFormationIdentityCenterConfigurationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.catalogId = props.catalogId ?? stack.account;
    this.instance = props.instance;
    validateLength(this, 'catalogId', props.catalogId, 1, 255);
    if (props.externalFiltering) {
      validateCount(this, 'externalFiltering', props.externalFiltering, 1, 10);
      props.externalFiltering.forEach((target, i) => validateApplicationArn(this, `externalFiltering[${i}]`, target.applicationArn));
    }
    if (props.shareRecipients) validateCount(this, 'shareRecipients', props.shareRecipients, 1, 30);
    claimOncePerStack(this, `catalog:${JSON.stringify(stack.resolve(this.catalogId))}`, existing =>
      `catalog ${Token.isUnresolved(this.catalogId) ? '(this account)' : this.catalogId} already has a LakeFormationIdentityCenterConfiguration `
      + `in this stack (${existing.node.path}): Lake Formation allows one per catalog`);

    const provider = TipProvider.of(this);
    const resource = provider.customResource(this, 'Resource', LAKE_FORMATION_IDENTITY_CENTER, {
      CatalogId: this.catalogId,
      InstanceArn: props.instance.instanceArn,
      ExternalFilteringTargets: props.externalFiltering?.map(target => target.applicationArn),
      ShareRecipients: props.shareRecipients,
      RedshiftConnect: props.redshiftConnect ?? false,
      AdoptExisting: props.adoptExisting ?? false,
    });
    // The same permissions whatever the settings: removing shareRecipients makes Lake Formation
    // delete the RAM share with the handler's credentials during the update.
    provider.permit(resource, 'LakeFormation', lakeFormationStatements(this));
    // Lake Formation creates and manages its Identity Center application as the caller.
    provider.permit(resource, 'ServiceManagedApplications', serviceManagedApplicationStatements(this, props.instance));
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application',
      resource.getAttString(LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES.applicationArn));
  }
}

function lakeFormationStatements(scope: Construct): ReasonedStatement[] {
  return [{
    statement: new iam.PolicyStatement({
      actions: [
        'lakeformation:CreateLakeFormationIdentityCenterConfiguration',
        'lakeformation:UpdateLakeFormationIdentityCenterConfiguration',
        'lakeformation:DescribeLakeFormationIdentityCenterConfiguration',
        'lakeformation:DeleteLakeFormationIdentityCenterConfiguration',
      ],
      resources: ['*'],
    }),
    wildcardReason: 'Lake Formation supports no resource ARNs in IAM policies',
  }, {
    // Lake Formation shares the configuration through an AWS RAM share it creates, updates and
    // deletes as the caller (UpdateLakeFormationIdentityCenterConfiguration: "If the
    // ShareRecipients value is an empty list, then the existing share recipients list will be
    // cleared, and the resource share will be deleted"). CreateResourceShare and
    // GetResourceShares have no resource type (IAM Service Authorization Reference, AWS RAM).
    statement: new iam.PolicyStatement({
      actions: ['ram:CreateResourceShare', 'ram:GetResourceShares'],
      resources: ['*'],
    }),
    wildcardReason: 'ram:CreateResourceShare and ram:GetResourceShares have no resource type',
  }, {
    statement: new iam.PolicyStatement({
      actions: ['ram:AssociateResourceShare', 'ram:DisassociateResourceShare', 'ram:UpdateResourceShare', 'ram:DeleteResourceShare'],
      resources: [Stack.of(scope).formatArn({ service: 'ram', resource: 'resource-share', resourceName: '*' })],
    }),
    wildcardReason: 'Lake Formation creates the AWS RAM share: its id is not known in advance',
  }];
}

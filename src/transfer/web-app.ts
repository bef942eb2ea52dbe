import { Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { identityEnhancedServices } from '../private/identity-enhanced';
import { addToRolePolicy } from '../private/nag';
import { invalid, validateHttpsUrl } from '../private/validation';
import { IS3AccessGrantsIdentityCenter } from '../s3-access-grants';

/**
 * Properties of a `TransferWebAppIdentityCenter`.
 */
export interface TransferWebAppIdentityCenterProps {
  /** The Identity Center instance whose users sign in to the web app. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The S3 Access Grants instance, connected to `instance`, whose grants decide what each user
   * sees ("You must specify an Amazon S3 access grant for identity propagation",
   * transfer/latest/userguide/webapp-access-grant.html).
   */
  readonly accessGrants: IS3AccessGrantsIdentityCenter;

  /**
   * Units of 250 concurrent sessions.
   * @default 1
   */
  readonly webAppUnits?: number;

  /**
   * The URL users open, when you serve the web app under your own domain.
   * @default - the default endpoint Transfer Family gives the web app
   */
  readonly accessEndpoint?: string;
}

/**
 * An AWS Transfer Family web app: users sign in with IAM Identity Center and browse, upload and
 * download S3 data as themselves, with S3 Access Grants deciding what each user may reach.
 *
 * It makes the identity bearer role AWS documents (transfer/latest/userguide/webapp-roles.html):
 * trusted by Transfer Family with `sts:SetContext`, allowed to ask S3 Access Grants for the
 * user's data. Users must be assigned to the web app's Identity Center application
 * (`assignUser`, `assignGroup`), and granted locations of `accessGrants`. The buckets need a CORS
 * rule for the web app's endpoint (transfer/latest/userguide/access-grant-cors.html).
 *
 * @resource AWS::Transfer::WebApp
 */
export class TransferWebAppIdentityCenter extends Resource {
  /**
   * The id of the web app.
   * @attribute
   */
  public readonly webAppId: string;

  /**
   * The ARN of the web app.
   * @attribute
   */
  public readonly webAppArn: string;

  /** The Identity Center application Transfer Family makes for the web app: assign users and groups to it. */
  public readonly identityCenterApplication: IIdentityCenterApplication;

  /** The identity bearer role: Transfer Family's sessions as the signed-in user. */
  public readonly identityBearerRole: iam.Role;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: TransferWebAppIdentityCenterProps) {
    super(scope, id);
    if (!props.accessGrants) {
      invalid(this, 'accessGrants is required: Transfer Family web apps reach S3 only through S3 Access Grants '
        + '("You must specify an Amazon S3 access grant for identity propagation"); pass an S3AccessGrantsIdentityCenter');
    }
    const units = props.webAppUnits ?? 1;
    if (!Number.isInteger(units) || units < 1) invalid(this, `webAppUnits must be a whole number of at least 1 (got ${units})`);
    validateHttpsUrl(this, 'accessEndpoint', props.accessEndpoint);
    this.instance = props.instance;
    const stack = Stack.of(this);

    this.identityBearerRole = new iam.Role(this, 'IdentityBearerRole', {
      assumedBy: identityEnhancedServices(['transfer.amazonaws.com'], { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'Transfer Family web app sessions as the signed-in Identity Center user',
    });
    // "s3:GetDataAccess", "s3:ListCallerAccessGrants", "s3:ListAccessGrantsInstances" (AWS's policy
    // has "*"): the first two on the account's instance, the listing on "*" (no resource type).
    addToRolePolicy(this.identityBearerRole, [{
      statement: new iam.PolicyStatement({
        actions: ['s3:GetDataAccess', 's3:ListCallerAccessGrants'],
        resources: [props.accessGrants.accessGrantsInstanceArn],
      }),
    }, {
      statement: new iam.PolicyStatement({ actions: ['s3:ListAccessGrantsInstances'], resources: ['*'] }),
      wildcardReason: 's3:ListAccessGrantsInstances has no resource type',
    }]);

    const resource = new transfer.CfnWebApp(this, 'Resource', {
      identityProviderDetails: { instanceArn: props.instance.instanceArn, role: this.identityBearerRole.roleArn },
      webAppUnits: { provisioned: units },
      accessEndpoint: props.accessEndpoint,
    });
    // The web app serves users once its role may reach S3 Access Grants.
    resource.node.addDependency(this.identityBearerRole.node.findChild('DefaultPolicy'));
    this.webAppId = resource.attrWebAppId;
    this.webAppArn = resource.attrArn;
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application',
      resource.attrIdentityProviderDetailsApplicationArn);
  }

  /**
   * Assigns an Identity Center user to the web app ("If you don't assign users or groups to your
   * application, your users will get an error when they attempt to log into your web app",
   * transfer/latest/userguide/webapp-add-users.html).
   */
  public assignUser(userId: string): sso.CfnApplicationAssignment {
    return this.identityCenterApplication.assignUser(userId);
  }

  /** Assigns an Identity Center group to the web app. */
  public assignGroup(groupId: string): sso.CfnApplicationAssignment {
    return this.identityCenterApplication.assignGroup(groupId);
  }
}

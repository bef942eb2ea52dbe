import { IResource, Resource, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as qbusiness from 'aws-cdk-lib/aws-qbusiness';
import { Construct } from 'constructs';
import {
  AccessScope,
  IdentityCenterApplication,
  IIdentityCenterApplication,
  IIdentityCenterInstance,
  ITrustedTokenIssuer,
} from '../identity-center';
import { invalid, validateCount, validateLength, validatePattern } from '../private/validation';

/** The only identity type of a Q Business application that takes Identity Center users. */
const IDENTITY_CENTER = 'AWS_IAM_IDC';

/**
 * The scopes a custom application needs to call Q Business as its users: conversations (Chat,
 * ChatSync, ListConversations, …) and content (SearchRelevantContent)
 * (amazonq/latest/qbusiness-ug/making-sigv4-authenticated-api-calls.html, isv-creating-index).
 */
const QBUSINESS_SCOPES = [AccessScope.QBUSINESS_CONVERSATIONS_ACCESS, AccessScope.QBUSINESS_CONTENT_ACCESS];

/**
 * The Q Business actions AWS's identity-enhanced role for a custom application allows, and
 * SearchRelevantContent (making-sigv4-authenticated-api-calls.html, isv-creating-index).
 */
const CONVERSATION_ACTIONS = ['Chat', 'ChatSync', 'ListMessages', 'ListConversations', 'DeleteConversation', 'PutFeedback',
  'GetWebExperience', 'GetApplication', 'ListPlugins', 'GetChatControlsConfiguration', 'GetMedia', 'SearchRelevantContent']
  .map(action => `qbusiness:${action}`);

/**
 * Properties of a `QBusinessIdentityCenterApplication`.
 */
export interface QBusinessIdentityCenterApplicationProps {
  /** The Identity Center instance of the application's users. */
  readonly instance: IIdentityCenterInstance;

  /** The name of the application, 1 to 1000 characters. */
  readonly displayName: string;

  /**
   * A description of the application.
   * @default - none
   */
  readonly description?: string;

  /**
   * The role Q Business uses to publish metrics to CloudWatch.
   * @default - none
   */
  readonly role?: iam.IRole;
}

/**
 * Options of a Q Business data accessor: an ISV's application that queries this Q Business
 * application's index as your users, trusted through a token issuer.
 */
export interface QBusinessDataAccessorOptions {
  /** The name of the data accessor. */
  readonly displayName: string;

  /** The ISV's role that calls Q Business (an IAM role ARN of its account). */
  readonly principal: string;

  /** The trusted token issuer of the ISV's identity provider. */
  readonly trustedTokenIssuer: ITrustedTokenIssuer;

  /**
   * The Q Business actions the ISV may call as your users, 1 to 10.
   * @default ['qbusiness:SearchRelevantContent']
   */
  readonly actions?: string[];
}

/**
 * A Q Business application whose users are IAM Identity Center users.
 */
export interface IQBusinessIdentityCenterApplication extends IResource {
  /**
   * The id of the application.
   * @attribute
   */
  readonly applicationId: string;

  /**
   * The ARN of the application.
   * @attribute
   */
  readonly applicationArn: string;

  /** The Identity Center application Q Business made: assign users to it; the target of custom applications' scopes. */
  readonly identityCenterApplication: IIdentityCenterApplication;

  /**
   * Lets a custom application call Q Business as its users, in one line: its tokens get the
   * `qbusiness:conversations:access` and `qbusiness:content:access` scopes for this application,
   * and `queryRole`, the identity-enhanced role its backend assumes, the conversation actions.
   */
  allowCustomApplication(application: IdentityCenterApplication, queryRole: iam.IRole): void;

  /**
   * Lets an ISV's application query this application's index as your users, through a token
   * issuer (`AWS::QBusiness::DataAccessor`, authentication `AWS_IAM_IDC_TTI`).
   */
  addDataAccessor(id: string, options: QBusinessDataAccessorOptions): qbusiness.CfnDataAccessor;
}

abstract class QBusinessIdentityCenterApplicationBase extends Resource implements IQBusinessIdentityCenterApplication {
  public abstract readonly applicationId: string;
  public abstract readonly applicationArn: string;
  public abstract readonly identityCenterApplication: IIdentityCenterApplication;

  public allowCustomApplication(application: IdentityCenterApplication, queryRole: iam.IRole): void {
    for (const scope of QBUSINESS_SCOPES) application.addAccessScope(scope, [this.identityCenterApplication]);
    queryRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: CONVERSATION_ACTIONS, resources: [this.applicationArn] }));
  }

  public addDataAccessor(id: string, options: QBusinessDataAccessorOptions): qbusiness.CfnDataAccessor {
    const actions = options.actions ?? ['qbusiness:SearchRelevantContent'];
    validateCount(this, 'actions', actions, 1, 10);
    actions.forEach((action, i) => validatePattern(this, `actions[${i}]`, action, /^qbusiness:[a-zA-Z]+$/,
      'must be a Q Business action such as qbusiness:SearchRelevantContent'));
    if (!Token.isUnresolved(options.principal) && !/^arn:aws[a-z-]*:iam::[0-9]{12}:role\//.test(options.principal)) {
      invalid(this, `principal must be the ARN of an IAM role (got ${JSON.stringify(options.principal)})`);
    }
    return new qbusiness.CfnDataAccessor(this, id, {
      applicationId: this.applicationId,
      displayName: options.displayName,
      principal: options.principal,
      actionConfigurations: actions.map(action => ({ action })),
      authenticationDetail: {
        authenticationType: 'AWS_IAM_IDC_TTI',
        authenticationConfiguration: {
          idcTrustedTokenIssuerConfiguration: { idcTrustedTokenIssuerArn: options.trustedTokenIssuer.trustedTokenIssuerArn },
        },
      },
    });
  }
}

/**
 * An Amazon Q Business application whose users are IAM Identity Center users
 * (`IdentityType: AWS_IAM_IDC`). Its Identity Center application can be assigned and be the
 * target of custom applications' `qbusiness:*` scopes: `allowCustomApplication` does both sides.
 *
 * Amazon Q Business is no longer open to new customers
 * (amazonq/latest/qbusiness-ug/qbusiness-availability-change.html).
 *
 * @resource AWS::QBusiness::Application
 */
export class QBusinessIdentityCenterApplication extends QBusinessIdentityCenterApplicationBase {
  /**
   * Uses a `CfnApplication` defined elsewhere in the app, checking that it takes Identity Center
   * users (`identityType: AWS_IAM_IDC` with an instance).
   */
  public static fromCfnApplication(scope: Construct, id: string, application: qbusiness.CfnApplication): IQBusinessIdentityCenterApplication {
    if (application.identityType !== IDENTITY_CENTER) {
      invalid(application, `identityType must be ${IDENTITY_CENTER} for Identity Center users and trusted identity propagation `
        + `(got ${JSON.stringify(application.identityType)})`);
    }
    if (application.identityCenterInstanceArn === undefined) {
      invalid(application, 'identityCenterInstanceArn is required with identityType AWS_IAM_IDC');
    }
    class Existing extends QBusinessIdentityCenterApplicationBase {
      public readonly applicationId = application.attrApplicationId;
      public readonly applicationArn = application.attrApplicationArn;
      public readonly identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'IdentityCenterApplication',
        application.attrIdentityCenterApplicationArn);
    }
    return new Existing(scope, id);
  }

  public readonly applicationId: string;
  public readonly applicationArn: string;
  public readonly identityCenterApplication: IIdentityCenterApplication;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: QBusinessIdentityCenterApplicationProps) {
    super(scope, id);
    validateLength(this, 'displayName', props.displayName, 1, 1000);
    validatePattern(this, 'displayName', props.displayName, /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
      'must start with a letter or digit and contain only letters, digits, _ and -');
    validateLength(this, 'description', props.description, 0, 1000);
    this.instance = props.instance;
    const resource = new qbusiness.CfnApplication(this, 'Resource', {
      displayName: props.displayName,
      description: props.description,
      identityType: IDENTITY_CENTER,
      identityCenterInstanceArn: props.instance.instanceArn,
      roleArn: props.role?.roleArn,
    });
    this.applicationId = resource.attrApplicationId;
    this.applicationArn = resource.attrApplicationArn;
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'IdentityCenterApplication',
      resource.attrIdentityCenterApplicationArn);
  }
}

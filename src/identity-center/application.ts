import { Arn, ArnFormat, IResource, Names, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { Construct } from 'constructs';
import { AccessScope } from './access-scope';
import { ApplicationGrant } from './application-grant';
import { IIdentityCenterInstance } from './instance';
import { applicationConfigurationStatements } from './private/permissions';
import { idPartFor } from '../private/construct-id';
import { APPLICATION_CONFIGURATION } from '../private/contracts/application-configuration';
import { lazyProperty, TipProvider } from '../private/provider';
import { importPath, invalid, spelled, validateApplicationArn, validateCount, validateDirectoryId, validateLength, validatePattern } from '../private/validation';

/**
 * An IAM Identity Center application.
 */
export interface IIdentityCenterApplication extends IResource {
  /**
   * The ARN of the application.
   * @attribute
   */
  readonly applicationArn: string;

  /**
   * Allows a principal to exchange tokens for this application with `CreateTokenWithIAM`:
   * adds it to the application's IAM authentication method (actor policy) and grants it
   * `sso-oauth:CreateTokenWithIAM` on the application.
   */
  allowTokenExchange(grantee: iam.IGrantable): iam.Grant;

  /**
   * Assigns an Identity Center user to the application.
   *
   * @param userId the user's id in the identity store
   */
  assignUser(userId: string): sso.CfnApplicationAssignment;

  /**
   * Assigns an Identity Center group to the application.
   *
   * @param groupId the group's id in the identity store
   */
  assignGroup(groupId: string): sso.CfnApplicationAssignment;
}

/**
 * The provider of an Identity Center application: which kind of application it is.
 *
 * `CreateApplication`, which `AWS::SSO::Application` calls, creates only OAuth 2.0 customer
 * managed applications: "This API does not support creating SAML 2.0 customer managed
 * applications or AWS managed applications"
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateApplication.html).
 * So the custom OAuth provider is the only one offered.
 */
export class IdentityCenterApplicationProvider {
  /**
   * A customer managed OAuth 2.0 application: the kind custom and third-party applications
   * use for trusted identity propagation.
   */
  public static readonly CUSTOM_OAUTH = new IdentityCenterApplicationProvider('custom');

  private constructor(private readonly providerName: string) {}

  /**
   * The ARN of the provider in the partition of `scope`.
   */
  public applicationProviderArn(scope: Construct): string {
    return Stack.of(scope).formatArn({
      service: 'sso',
      region: '',
      account: 'aws',
      resource: 'applicationProvider',
      resourceName: this.providerName,
    });
  }
}

/**
 * An access scope together with the applications it is authorized for.
 */
export interface ApplicationAccessScope {
  /** The access scope. */
  readonly scope: AccessScope;

  /**
   * The Identity Center applications that may receive tokens with this scope, 1 to 10.
   * @default - every application of the instance that accepts the scope
   */
  readonly authorizedTargets?: IIdentityCenterApplication[];
}

/**
 * Properties of an `IdentityCenterApplication`.
 */
export interface IdentityCenterApplicationProps {
  /** The Identity Center instance the application belongs to. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The name of the application, 1 to 100 of `[\w+=,.@-]`.
   * @default - a name generated from the construct path
   */
  readonly applicationName?: string;

  /**
   * A description of the application, 1 to 128 characters.
   * @default - none
   */
  readonly description?: string;

  /**
   * The kind of application.
   * @default IdentityCenterApplicationProvider.CUSTOM_OAUTH
   */
  readonly applicationProvider?: IdentityCenterApplicationProvider;

  /**
   * Whether users and groups must be assigned to the application before they can use it.
   * @default true
   */
  readonly assignmentRequired?: boolean;

  /**
   * Whether the application may start user background sessions, which run jobs as a user
   * after the user signs out.
   * @default false
   */
  readonly userBackgroundSessions?: boolean;

  /**
   * The OAuth 2.0 grants of the application, at most one per grant type. Add more with `addGrant`.
   * @default - none
   */
  readonly grants?: ApplicationGrant[];

  /**
   * The access scopes of the application, at most 25. Add more with `addAccessScope`.
   * @default - none
   */
  readonly accessScopes?: ApplicationAccessScope[];
}

/**
 * Attributes of an existing Identity Center application.
 */
export interface IdentityCenterApplicationAttributes {
  /** The ARN of the application. */
  readonly applicationArn: string;
}

const APPLICATION_NAME = /^[\w+=,.@-]+$/;
const MAX_ACCESS_SCOPES = 25;
const MAX_AUTHORIZED_TARGETS = 10;

abstract class IdentityCenterApplicationBase extends Resource implements IIdentityCenterApplication {
  public abstract readonly applicationArn: string;
  public abstract allowTokenExchange(grantee: iam.IGrantable): iam.Grant;

  /**
   * Assigns an Identity Center user to the application.
   *
   * @param userId the user's id in the identity store
   */
  public assignUser(userId: string): sso.CfnApplicationAssignment {
    return this.assign('USER', userId);
  }

  /**
   * Assigns an Identity Center group to the application.
   *
   * @param groupId the group's id in the identity store
   */
  public assignGroup(groupId: string): sso.CfnApplicationAssignment {
    return this.assign('GROUP', groupId);
  }

  private assign(principalType: 'USER' | 'GROUP', principalId: string): sso.CfnApplicationAssignment {
    validateDirectoryId(this, principalType === 'USER' ? 'userId' : 'groupId', principalId);
    return new sso.CfnApplicationAssignment(this.assignments(), `${principalType}-${idPartFor(this, principalId)}`, {
      applicationArn: this.applicationArn,
      principalType,
      principalId,
    });
  }

  /** Groups the assignments in the construct tree. */
  private assignments(): Construct {
    return this.node.tryFindChild('Assignments') as Construct | undefined ?? new Construct(this, 'Assignments');
  }
}

/**
 * An IAM Identity Center application with its grants, IAM authentication method, access
 * scopes and assignments: what Identity Center needs to recognise a custom or third-party
 * application for trusted identity propagation.
 *
 * The application itself is an `AWS::SSO::Application`; grants, the authentication method,
 * access scopes, the assignment requirement and user background sessions have no
 * CloudFormation type, so one custom resource per application configures them all.
 *
 * @resource AWS::SSO::Application
 */
export class IdentityCenterApplication extends IdentityCenterApplicationBase {
  /**
   * Imports an application by its ARN.
   */
  public static fromApplicationArn(scope: Construct, id: string, applicationArn: string): IIdentityCenterApplication {
    return IdentityCenterApplication.fromApplicationAttributes(scope, id, { applicationArn });
  }

  /**
   * Imports an application by its attributes.
   */
  public static fromApplicationAttributes(scope: Construct, id: string, attrs: IdentityCenterApplicationAttributes): IIdentityCenterApplication {
    validateApplicationArn(importPath(scope, id), 'applicationArn', attrs.applicationArn);
    class Import extends IdentityCenterApplicationBase {
      public readonly applicationArn = attrs.applicationArn;
      public allowTokenExchange(_grantee: iam.IGrantable): iam.Grant {
        invalid(this, `${spelled('allowTokenExchange()')} is not possible on an imported application: `
          + 'its IAM authentication method belongs to the stack or console that created it');
      }
    }
    return new Import(scope, id, Token.isUnresolved(attrs.applicationArn) ? {} : {
      account: Arn.split(attrs.applicationArn, ArnFormat.SLASH_RESOURCE_NAME).account,
    });
  }

  public readonly applicationArn: string;

  /** The name of the application. */
  public readonly applicationName: string;

  /** The Identity Center instance the application belongs to. */
  public readonly instance: IIdentityCenterInstance;

  private readonly grants = new Map<string, ApplicationGrant>();
  private readonly accessScopes = new Map<string, ApplicationAccessScope>();
  private readonly actorPolicy = new iam.PolicyDocument();

  constructor(scope: Construct, id: string, props: IdentityCenterApplicationProps) {
    super(scope, id, { physicalName: props.applicationName });
    // The API allows 1 to 100 characters; CloudFormation also restricts the characters.
    validateLength(this, 'applicationName', props.applicationName, 1, 100);
    validatePattern(this, 'applicationName', props.applicationName, APPLICATION_NAME, 'may contain only letters, digits and _+=,.@-');
    validateLength(this, 'description', props.description, 1, 128);

    this.instance = props.instance;
    this.applicationName = props.applicationName ?? Names.uniqueResourceName(this, { maxLength: 100 });
    const provider = props.applicationProvider ?? IdentityCenterApplicationProvider.CUSTOM_OAUTH;

    // Grants and scopes are checked before any resource exists.
    for (const grant of props.grants ?? []) this.addGrant(grant);
    for (const accessScope of props.accessScopes ?? []) this.addAccessScope(accessScope.scope, accessScope.authorizedTargets);

    const resource = new sso.CfnApplication(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      applicationProviderArn: provider.applicationProviderArn(this),
      name: this.applicationName,
      description: props.description,
    });
    this.applicationArn = resource.attrApplicationArn;

    const tipProvider = TipProvider.of(this);
    const configuration = tipProvider.customResource(this, 'Configuration', APPLICATION_CONFIGURATION, {
      ApplicationArn: this.applicationArn,
      Grants: lazyProperty(() => [...this.grants.values()].map(grant => grant._render())),
      AuthenticationMethods: lazyProperty(() => this.actorPolicy.isEmpty ? undefined : [{
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: { Iam: { ActorPolicy: this.actorPolicy } },
      }]),
      AccessScopes: lazyProperty(() => [...this.accessScopes.values()].map(renderAccessScope)),
      AssignmentRequired: props.assignmentRequired ?? true,
      UserBackgroundSessions: props.userBackgroundSessions ?? false,
    });
    // One policy per instance, shared by all of its applications in this stack.
    tipProvider.permit(configuration, 'IdentityCenterApplications', applicationConfigurationStatements(this, props.instance));
  }

  /**
   * Adds an OAuth 2.0 grant. An application holds at most one grant of each type.
   */
  public addGrant(grant: ApplicationGrant): void {
    if (this.grants.has(grant.grantType)) {
      invalid(this, `already has a ${grant.grantType} grant: an application holds at most one grant of each type`);
    }
    this.grants.set(grant.grantType, grant);
  }

  /**
   * Adds an access scope, optionally limited to the applications that may receive it.
   *
   * @param scope the access scope
   * @param authorizedTargets the Identity Center applications the scope is for, 1 to 10
   * (default: every application of the instance that accepts the scope)
   */
  public addAccessScope(scope: AccessScope, authorizedTargets?: IIdentityCenterApplication[]): void {
    if (this.accessScopes.has(scope.name)) {
      invalid(this, `already has the access scope ${scope.name}: add each scope once, with all of its targets`);
    }
    if (this.accessScopes.size >= MAX_ACCESS_SCOPES) {
      invalid(this, `accessScopes may hold at most ${MAX_ACCESS_SCOPES} scopes per application; cannot add ${scope.name}`);
    }
    if (authorizedTargets) {
      validateCount(this, `authorizedTargets of access scope ${scope.name}`, authorizedTargets, 1, MAX_AUTHORIZED_TARGETS);
    }
    this.accessScopes.set(scope.name, { scope, authorizedTargets });
  }

  public allowTokenExchange(grantee: iam.IGrantable): iam.Grant {
    this.actorPolicy.addStatements(new iam.PolicyStatement({
      principals: [grantee.grantPrincipal],
      actions: ['sso-oauth:CreateTokenWithIAM'],
      resources: ['*'],
    }));
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['sso-oauth:CreateTokenWithIAM'],
      resourceArns: [this.applicationArn],
    });
  }
}

function renderAccessScope(accessScope: ApplicationAccessScope): { Scope: string; AuthorizedTargets?: string[] } {
  return {
    Scope: accessScope.scope.name,
    AuthorizedTargets: accessScope.authorizedTargets?.map(target => target.applicationArn),
  };
}

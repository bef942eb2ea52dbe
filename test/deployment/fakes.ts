import * as athena from '@aws-sdk/client-athena';
import * as cloudformation from '@aws-sdk/client-cloudformation';
import * as emrServerless from '@aws-sdk/client-emr-serverless';
import * as lakeformation from '@aws-sdk/client-lakeformation';
import * as quicksight from '@aws-sdk/client-quicksight';
import * as redshift from '@aws-sdk/client-redshift';
import * as redshiftData from '@aws-sdk/client-redshift-data';
import * as s3control from '@aws-sdk/client-s3-control';
import * as sso from '@aws-sdk/client-sso-admin';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, REGION, ResourceModel, STACK_NAME } from './cloudformation';
import { Authorizer } from './iam';

/**
 * Stateful fakes of the services the handler calls, behind the real SDK v3 clients
 * (aws-sdk-client-mock). They keep what a deployment made, answer with the errors the services
 * document, and authorize every call, including the calls a service makes with the caller's
 * credentials (forward access sessions), against the handler role's policies of the moment.
 * Each behaviour cites the AWS page it comes from; what no page documents is marked as assumed.
 */

/** An Identity Center application, as the fakes keep it. */
export interface Application {
  readonly instanceArn: string;
  readonly providerArn: string;
  name: string;
  readonly grants: Map<string, unknown>;
  readonly authenticationMethods: Map<string, unknown>;
  /** Authorized targets by scope; undefined: every application. */
  readonly accessScopes: Map<string, string[] | undefined>;
  assignmentRequired?: boolean;
  userBackgroundSessions?: 'ENABLED' | 'DISABLED';
  /** DescribeApplication Status; applications are created ENABLED. */
  status: 'ENABLED' | 'DISABLED';
}

/** A trusted token issuer (AWS::SSO::TrustedTokenIssuer), as the fakes keep it. */
export interface TrustedTokenIssuer {
  readonly instanceArn: string;
  readonly oidc: { IssuerUrl?: string; ClaimAttributePath?: string; IdentityStoreAttributePath?: string };
}

/** A Redshift IdC application (AWS::Redshift::RedshiftIdcApplication), as the fakes keep it. */
export interface RedshiftIdcApplication {
  readonly instanceArn: string;
  serviceIntegrations: Array<Record<string, any>>;
}

export interface WorkGroup {
  readonly configuration: athena.WorkGroupConfiguration;
  state?: 'ENABLED' | 'DISABLED';
  readonly tags: Record<string, string>;
  readonly applicationArn: string;
}

export interface LakeFormationConfiguration {
  readonly instanceArn: string;
  readonly applicationArn: string;
  externalFiltering?: lakeformation.ExternalFilteringConfiguration;
  shareRecipients: string[];
  serviceIntegrations?: lakeformation.ServiceIntegrationUnion[];
  shareArn?: string;
}

export interface RedshiftIdentityProvider {
  readonly name: string;
  namespace: string;
  readonly applicationArn: string;
  iamRole: string;
  /** Identity Center users and `<namespace>:<group>` roles Redshift made for signed-in users. */
  principals: number;
}

/** The account's S3 Access Grants instance (one per account and region). */
export interface AccessGrantsInstance {
  readonly arn: string;
  /** The Identity Center instance it is associated with, and the application S3 Access Grants made for it. */
  association?: { readonly instanceArn: string; readonly applicationArn: string };
}

/** An EMR Serverless application (AWS::EMRServerless::Application), as the fakes keep it. */
export interface EmrServerlessApplication {
  readonly name: string;
  readonly releaseLabel: string;
  /** GetApplication's state: CREATED after a create, STARTED while sessions run, STOPPED after a stop. */
  state: 'CREATED' | 'STARTED' | 'STOPPED';
  identityCenter?: { readonly instanceArn: string; readonly applicationArn: string; userBackgroundSessionsEnabled: boolean };
}

/** Everything the fakes keep: one account, one region. */
export class Account {
  public readonly applications = new Map<string, Application>();
  public readonly workGroups = new Map<string, WorkGroup>();
  public readonly lakeFormation = new Map<string, LakeFormationConfiguration>();
  public readonly resourceShares = new Map<string, string[]>();
  /** Propagated services by `<account>/<service>`: their authorized targets (undefined: all). */
  public readonly quickSight = new Map<string, string[] | undefined>();
  /** Identity providers by cluster, then by name as Redshift stores it (lower case). */
  public readonly redshift = new Map<string, Map<string, RedshiftIdentityProvider>>();
  /** The S3 Access Grants instance, when the account has one. */
  public accessGrants?: AccessGrantsInstance;
  /** Identity Center instances reachable in the region, with their DescribeInstance Status. */
  public readonly instances = new Map<string, string>();
  /** Trusted token issuers by ARN. */
  public readonly trustedTokenIssuers = new Map<string, TrustedTokenIssuer>();
  /** Redshift IdC applications by ARN. */
  public readonly redshiftApplications = new Map<string, RedshiftIdcApplication>();
  /** EMR Serverless applications by id. */
  public readonly emrServerlessApplications = new Map<string, EmrServerlessApplication>();
  /** The QuickSight subscription, when the account has one. */
  public quickSightSubscription?: { readonly authenticationType: string; readonly instanceArn?: string };
  /** Every SDK call the handler made, as `Operation`. */
  public readonly calls: string[] = [];

  private readonly statements = new Map<string, { status: 'FINISHED' | 'FAILED'; error?: string; records?: redshiftData.Field[][] }>();
  private readonly mocks: Array<AwsStub<any, any, any>> = [];
  private ids = 0;

  constructor(private readonly iam: Authorizer) {
    this.mockIdentityCenter();
    this.mockAthena();
    this.mockLakeFormation();
    this.mockQuickSight();
    this.mockRedshiftData();
    this.mockS3AccessGrants();
    this.mockRedshift();
    this.mockCloudFormation();
    this.mockEmrServerless();
  }

  /** Gives the account an S3 Access Grants instance, associated with `instanceArn` if given (made by S3 Access Grants, not by a stack). */
  public createAccessGrantsInstance(instanceArn?: string): void {
    this.accessGrants = { arn: `arn:aws:s3:${REGION}:${ACCOUNT}:access-grants/default` };
    if (instanceArn) {
      this.accessGrants.association = { instanceArn, applicationArn: this.createApplication(instanceArn, 'arn:aws:sso::aws:applicationProvider/s3', 's3') };
    }
  }

  /** Stops answering for the SDK clients. */
  public restore(): void {
    this.mocks.forEach(mock => mock.restore());
  }

  /** How CloudFormation creates the native resources whose state the handler works with. */
  public models(): Record<string, ResourceModel> {
    return {
      'AWS::SSO::Application': {
        // AWS::SSO::Application: InstanceArn and ApplicationProviderArn "Update requires: Replacement".
        replacedBy: ['InstanceArn', 'ApplicationProviderArn'],
        create: (_id, props) => {
          const arn = this.createApplication(props.InstanceArn, props.ApplicationProviderArn, props.Name);
          return { physicalId: arn, attributes: { ApplicationArn: arn } };
        },
        delete: resource => this.applications.delete(resource.physicalId),
      },
      'AWS::Redshift::RedshiftIdcApplication': {
        replacedBy: ['IdcInstanceArn', 'RedshiftIdcApplicationName'],
        create: (_id, props) => {
          const arn = this.createApplication(props.IdcInstanceArn, 'arn:aws:sso::aws:applicationProvider/redshift', props.IdcDisplayName);
          this.redshiftApplications.set(`arn:aws:redshift:${REGION}:${ACCOUNT}:redshiftidcapplication:${props.RedshiftIdcApplicationName}`, {
            instanceArn: props.IdcInstanceArn, serviceIntegrations: props.ServiceIntegrations ?? [],
          });
          return {
            physicalId: `arn:aws:redshift:${REGION}:${ACCOUNT}:redshiftidcapplication:${props.RedshiftIdcApplicationName}`,
            attributes: {
              IdcManagedApplicationArn: arn,
              RedshiftIdcApplicationArn: `arn:aws:redshift:${REGION}:${ACCOUNT}:redshiftidcapplication:${props.RedshiftIdcApplicationName}`,
            },
          };
        },
        update: resource => {
          const application = this.redshiftApplications.get(resource.attributes.RedshiftIdcApplicationArn)!;
          application.serviceIntegrations = resource.properties.ServiceIntegrations ?? [];
        },
        delete: resource => {
          this.applications.delete(resource.attributes.IdcManagedApplicationArn);
          this.redshiftApplications.delete(resource.attributes.RedshiftIdcApplicationArn);
        },
      },
      // One S3 Access Grants instance per account and region, id `default`
      // (AmazonS3/latest/userguide/access-grants-instance.html).
      'AWS::S3::AccessGrantsInstance': {
        create: (_id, props) => {
          if (this.accessGrants) throw new Error('the account already has an S3 Access Grants instance in this region');
          this.createAccessGrantsInstance(props.IdentityCenterArn);
          return {
            physicalId: this.accessGrants!.arn,
            attributes: { AccessGrantsInstanceArn: this.accessGrants!.arn, AccessGrantsInstanceId: 'default' },
          };
        },
        delete: () => {
          if (this.accessGrants?.association) this.applications.delete(this.accessGrants.association.applicationArn);
          this.accessGrants = undefined;
        },
      },
      'AWS::EMRServerless::Application': {
        // Name and Type are create-only (the resource's schema: createOnlyProperties).
        replacedBy: ['Name', 'Type'],
        create: (_id, props) => {
          const id = `00f${this.id().slice(3)}`;
          this.createEmrServerlessApplication(id, props.Name ?? id, props.ReleaseLabel, props.IdentityCenterConfiguration?.IdentityCenterInstanceArn);
          return { physicalId: id, attributes: { ApplicationId: id, Arn: `arn:aws:emr-serverless:${REGION}:${ACCOUNT}:/applications/${id}` } };
        },
        update: resource => {
          const application = this.emrServerlessApplications.get(resource.physicalId)!;
          const props = resource.properties;
          // Assumed: CloudFormation's update sends the IdentityCenterConfiguration of the
          // template, which has no user background sessions (the resource's schema lacks the
          // property), so they fall back to off.
          this.emrServerlessApplications.set(resource.physicalId, {
            ...application,
            releaseLabel: props.ReleaseLabel,
            identityCenter: this.emrServerlessIdentityCenter(props.IdentityCenterConfiguration?.IdentityCenterInstanceArn, false),
          });
        },
        delete: resource => this.deleteEmrServerlessApplication(resource.physicalId),
      },
      'AWS::SSO::TrustedTokenIssuer': {
        // Assumed: a new instance or issuer configuration makes a new issuer (UpdateTrustedTokenIssuer cannot change the issuer URL).
        replacedBy: ['InstanceArn', 'TrustedTokenIssuerConfiguration'],
        create: (_id, props) => {
          const arn = `arn:aws:sso::${ACCOUNT}:trustedTokenIssuer/${String(props.InstanceArn).split('/').pop()}/tti-${this.id()}`;
          const oidc = { ...props.TrustedTokenIssuerConfiguration?.OidcJwtConfiguration };
          this.trustedTokenIssuers.set(arn, { instanceArn: props.InstanceArn, oidc });
          return { physicalId: arn, attributes: { TrustedTokenIssuerArn: arn } };
        },
        delete: resource => this.trustedTokenIssuers.delete(resource.physicalId),
      },
      'AWS::IAM::Role': {
        replacedBy: ['RoleName'],
        create: id => {
          const name = `${id.slice(0, 40)}-${this.id()}`;
          return { physicalId: name, attributes: { Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, RoleId: `AROA${this.id()}` } };
        },
      },
      'AWS::SecretsManager::Secret': {
        create: id => {
          const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-${this.id().slice(0, 6)}`;
          return { physicalId: arn, attributes: { Ref: arn, Id: arn } };
        },
      },
      'AWS::S3::Bucket': {
        create: id => {
          const name = `${id.toLowerCase().slice(0, 40)}-${this.id()}`;
          return { physicalId: name, attributes: { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com` } };
        },
      },
      'AWS::Lambda::Function': {
        create: id => {
          const name = `${id.slice(0, 40)}-${this.id()}`;
          return { physicalId: name, attributes: { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}` } };
        },
      },
    };
  }

  /** Adds an EMR Serverless application, made by this stack or by someone else. */
  public createEmrServerlessApplication(id: string, name: string, releaseLabel: string, instanceArn?: string, backgroundSessions = false): void {
    this.emrServerlessApplications.set(id, { name, releaseLabel, state: 'CREATED', identityCenter: this.emrServerlessIdentityCenter(instanceArn, backgroundSessions) });
  }

  private emrServerlessIdentityCenter(instanceArn: string | undefined, userBackgroundSessionsEnabled: boolean): EmrServerlessApplication['identityCenter'] {
    if (!instanceArn) return undefined;
    return { instanceArn, applicationArn: this.emrServerlessIdentityCenterApplication(instanceArn), userBackgroundSessionsEnabled };
  }

  /**
   * The Identity Center application EMR Serverless shares between the account's Identity Center
   * enabled applications ("EMR Serverless creates/bootstraps a single service managed Identity
   * Center Application in your account ... shared across all trusted-identity-propagation enabled
   * EMR Serverless applications", security-iam-service-trusted-prop-getting-started.html), made
   * with the first of them.
   */
  private emrServerlessIdentityCenterApplication(instanceArn: string): string {
    const existing = [...this.emrServerlessApplications.values()].find(a => a.identityCenter?.instanceArn === instanceArn);
    return existing?.identityCenter?.applicationArn
      ?? this.createApplication(instanceArn, 'arn:aws:sso::aws:applicationProvider/emr-serverless', 'emr-serverless');
  }

  /** Deletes an EMR Serverless application; assumed: the shared Identity Center application goes with the last one that uses it. */
  private deleteEmrServerlessApplication(id: string): void {
    const shared = this.emrServerlessApplications.get(id)?.identityCenter?.applicationArn;
    this.emrServerlessApplications.delete(id);
    const stillUsed = [...this.emrServerlessApplications.values()].some(a => a.identityCenter?.applicationArn === shared);
    if (shared && !stillUsed) this.applications.delete(shared);
  }

  /** Adds an application on `instanceArn` and returns its ARN (the account's own applications). */
  public createApplication(instanceArn: string, providerArn: string, name: string): string {
    const arn = `arn:aws:sso::${ACCOUNT}:application/${instanceArn.split('/').pop()}/apl-${this.id()}`;
    this.applications.set(arn, {
      instanceArn, providerArn, name, grants: new Map(), authenticationMethods: new Map(), accessScopes: new Map(), status: 'ENABLED',
    });
    return arn;
  }

  private id(): string {
    return (++this.ids).toString(16).padStart(16, '0');
  }

  /**
   * IAM Identity Center (sso-admin). The Put operations "add or update" a grant, an
   * authentication method or an access scope; a Delete of an application or item that does not
   * exist raises ResourceNotFoundException (API reference, Errors of each operation).
   */
  private mockIdentityCenter(): void {
    const mock = this.mock(sso.SSOAdminClient);
    const app = (operation: string, arn: string) => {
      const application = this.applications.get(arn);
      if (!application) throw new sso.ResourceNotFoundException({ message: `${operation}: application ${arn} not found`, $metadata: {} });
      return application;
    };
    type Act<I> = (application: Application, input: I) => void;
    const on = <I extends { ApplicationArn: string | undefined }>(command: any, operation: string, act: Act<I>) => {
      mock.on(command).callsFake(async (input: I) => {
        this.calls.push(operation);
        await this.iam.authorize(operation, `sso:${operation}`, [input.ApplicationArn!]);
        act(app(operation, input.ApplicationArn!), input);
        return {};
      });
    };
    const remove = (map: Map<string, unknown>, key: string, what: string) => {
      if (!map.delete(key)) throw new sso.ResourceNotFoundException({ message: `${what} ${key} not found`, $metadata: {} });
    };
    on<sso.PutApplicationGrantRequest>(sso.PutApplicationGrantCommand, 'PutApplicationGrant', (a, i) => a.grants.set(i.GrantType!, i.Grant));
    on<sso.DeleteApplicationGrantRequest>(sso.DeleteApplicationGrantCommand, 'DeleteApplicationGrant',
      (a, i) => remove(a.grants, i.GrantType!, 'grant'));
    on<sso.PutApplicationAuthenticationMethodRequest>(sso.PutApplicationAuthenticationMethodCommand, 'PutApplicationAuthenticationMethod',
      (a, i) => a.authenticationMethods.set(i.AuthenticationMethodType!, i.AuthenticationMethod));
    on<sso.DeleteApplicationAuthenticationMethodRequest>(sso.DeleteApplicationAuthenticationMethodCommand, 'DeleteApplicationAuthenticationMethod',
      (a, i) => remove(a.authenticationMethods, i.AuthenticationMethodType!, 'authentication method'));
    // "Adds or updates the list of authorized targets for an IAM Identity Center access scope"
    // (API_PutApplicationAccessScope.html). Assumed, as nothing documents otherwise: a Put
    // without targets leaves the targets a scope already has.
    on<sso.PutApplicationAccessScopeRequest>(sso.PutApplicationAccessScopeCommand, 'PutApplicationAccessScope',
      (a, i) => a.accessScopes.set(i.Scope!, i.AuthorizedTargets ?? (a.accessScopes.has(i.Scope!) ? a.accessScopes.get(i.Scope!) : undefined)));
    on<sso.DeleteApplicationAccessScopeRequest>(sso.DeleteApplicationAccessScopeCommand, 'DeleteApplicationAccessScope',
      (a, i) => remove(a.accessScopes, i.Scope!, 'access scope'));
    on<sso.PutApplicationAssignmentConfigurationRequest>(sso.PutApplicationAssignmentConfigurationCommand, 'PutApplicationAssignmentConfiguration',
      (a, i) => { a.assignmentRequired = i.AssignmentRequired; });
    on<sso.PutApplicationSessionConfigurationRequest>(sso.PutApplicationSessionConfigurationCommand, 'PutApplicationSessionConfiguration',
      (a, i) => { a.userBackgroundSessions = i.UserBackgroundSessionApplicationStatus; });

    // Reads. A missing grant, application or issuer raises ResourceNotFoundException (API
    // reference, Errors of each operation); assumed for an instance that is not reachable in the
    // region (DescribeInstance documents AccessDeniedException only for a deleted instance).
    const read = <I extends { ApplicationArn?: string }>(command: any, operation: string, answer: (application: Application, input: I) => unknown) =>
      this.answer<I>(mock, command, `sso:${operation}`, input => [input.ApplicationArn!], async input => answer(app(operation, input.ApplicationArn!), input));
    read<sso.DescribeApplicationRequest>(sso.DescribeApplicationCommand, 'DescribeApplication',
      a => ({ ApplicationProviderArn: a.providerArn, InstanceArn: a.instanceArn, Name: a.name, Status: a.status }));
    read<sso.GetApplicationGrantRequest>(sso.GetApplicationGrantCommand, 'GetApplicationGrant', (a, i) => {
      if (!a.grants.has(i.GrantType!)) throw new sso.ResourceNotFoundException({ message: `grant ${i.GrantType} not found`, $metadata: {} });
      return { Grant: a.grants.get(i.GrantType!) };
    });
    read<sso.ListApplicationAuthenticationMethodsRequest>(sso.ListApplicationAuthenticationMethodsCommand, 'ListApplicationAuthenticationMethods',
      a => ({
        AuthenticationMethods: [...a.authenticationMethods]
          .map(([AuthenticationMethodType, AuthenticationMethod]) => ({ AuthenticationMethodType, AuthenticationMethod })),
      }));
    read<sso.ListApplicationAccessScopesRequest>(sso.ListApplicationAccessScopesCommand, 'ListApplicationAccessScopes',
      a => ({ Scopes: [...a.accessScopes].map(([Scope, AuthorizedTargets]) => ({ Scope, AuthorizedTargets })) }));
    // "If AssignmentsRequired is true (default value), users don't have access to the application
    // unless an assignment is created" (API_PutApplicationAssignmentConfiguration.html).
    read<sso.GetApplicationAssignmentConfigurationRequest>(sso.GetApplicationAssignmentConfigurationCommand, 'GetApplicationAssignmentConfiguration',
      a => ({ AssignmentRequired: a.assignmentRequired ?? true }));
    this.answer<sso.DescribeTrustedTokenIssuerRequest>(mock, sso.DescribeTrustedTokenIssuerCommand, 'sso:DescribeTrustedTokenIssuer',
      input => [input.TrustedTokenIssuerArn!], async input => {
        const issuer = this.trustedTokenIssuers.get(input.TrustedTokenIssuerArn!);
        if (!issuer) throw new sso.ResourceNotFoundException({ message: `trusted token issuer ${input.TrustedTokenIssuerArn} not found`, $metadata: {} });
        return { TrustedTokenIssuerArn: input.TrustedTokenIssuerArn, TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: issuer.oidc } };
      });
    this.answer<sso.DescribeInstanceRequest>(mock, sso.DescribeInstanceCommand, 'sso:DescribeInstance', input => [input.InstanceArn!], async input => {
      const status = this.instances.get(input.InstanceArn!);
      if (!status) throw new sso.ResourceNotFoundException({ message: `instance ${input.InstanceArn} not found in ${REGION}`, $metadata: {} });
      return { InstanceArn: input.InstanceArn, Status: status };
    });
  }

  /**
   * Services that create their own Identity Center application do it with the caller's
   * credentials (forward access sessions): the Athena and Lake Formation guides list
   * sso:CreateApplication, sso:DeleteApplication and sso:DescribeInstance among the permissions
   * of whoever enables Identity Center (athena/latest/ug/workgroups-identity-center.html,
   * lake-formation/latest/dg/prerequisites-identity-center.html).
   */
  private async createServiceApplication(call: string, instanceArn: string, provider: string): Promise<string> {
    const providerArn = `arn:aws:sso::aws:applicationProvider/${provider}`;
    await this.iam.authorize(call, 'sso:DescribeInstance', [instanceArn]);
    const arn = this.createApplication(instanceArn, providerArn, provider);
    try {
      await this.iam.authorize(call, 'sso:CreateApplication', [instanceArn, providerArn, arn]);
    } catch (error) {
      this.applications.delete(arn);
      throw error;
    }
    return arn;
  }

  private async deleteServiceApplication(call: string, arn: string): Promise<void> {
    await this.iam.authorize(call, 'sso:DeleteApplication', [arn]);
    this.applications.delete(arn);
  }

  /**
   * Amazon Athena. A missing workgroup and an existing one are both InvalidRequestException
   * (API reference, CreateWorkGroup and GetWorkGroup Errors); passing Tags to CreateWorkGroup
   * needs athena:TagResource as well ("give a user IAM permissions to the TagResource and
   * CreateWorkGroup API operations, if you want to allow them to pass in tags upon
   * CreateWorkGroup", athena/latest/ug/tags-access-control.html); the execution role is passed
   * (iam:PassRole). The Identity Center setting can be given only at creation
   * (athena/latest/ug/workgroups-identity-center.html).
   */
  private mockAthena(): void {
    const mock = this.mock(athena.AthenaClient);
    const arnOf = (name: string) => `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/${name}`;
    const find = (name: string) => {
      const workGroup = this.workGroups.get(name);
      if (!workGroup) throw new athena.InvalidRequestException({ message: `WorkGroup ${name} is not found.`, $metadata: {} });
      return workGroup;
    };
    const passRole = (call: string, role?: string) => role
      ? this.iam.authorize(call, 'iam:PassRole', [role], { 'iam:PassedToService': 'athena.amazonaws.com' })
      : Promise.resolve();
    this.answer<athena.CreateWorkGroupInput>(mock, athena.CreateWorkGroupCommand,
      'athena:CreateWorkGroup', input => [arnOf(input.Name!)], async input => {
        if (input.Tags?.length) await this.iam.authorize('CreateWorkGroup', 'athena:TagResource', [arnOf(input.Name!)]);
        await passRole('CreateWorkGroup', input.Configuration?.ExecutionRole);
        if (this.workGroups.has(input.Name!)) throw new athena.InvalidRequestException({ message: 'WorkGroup is already created', $metadata: {} });
        const instanceArn = input.Configuration!.IdentityCenterConfiguration!.IdentityCenterInstanceArn!;
        const applicationArn = await this.createServiceApplication('CreateWorkGroup', instanceArn, 'athena');
        this.workGroups.set(input.Name!, {
          configuration: input.Configuration!,
          tags: Object.fromEntries((input.Tags ?? []).map(t => [t.Key!, t.Value!])),
          applicationArn,
        });
        return {};
      });
    this.answer<athena.GetWorkGroupInput>(mock, athena.GetWorkGroupCommand,
      'athena:GetWorkGroup', input => [arnOf(input.WorkGroup!)], async input => {
        const workGroup = find(input.WorkGroup!);
        return {
          WorkGroup: {
            Name: input.WorkGroup,
            // CreateWorkGroup makes an enabled workgroup; only UpdateWorkGroup State changes it (API_UpdateWorkGroup.html).
            State: workGroup.state ?? 'ENABLED',
            Configuration: workGroup.configuration,
            IdentityCenterApplicationArn: workGroup.applicationArn,
          },
        };
      });
    this.answer<athena.UpdateWorkGroupInput>(mock, athena.UpdateWorkGroupCommand,
      'athena:UpdateWorkGroup', input => [arnOf(input.WorkGroup!)], async input => {
        await passRole('UpdateWorkGroup', input.ConfigurationUpdates?.ExecutionRole);
        const workGroup = find(input.WorkGroup!);
        const updates = input.ConfigurationUpdates ?? {};
        this.workGroups.set(input.WorkGroup!, {
          ...workGroup,
          configuration: {
            ...workGroup.configuration,
            ResultConfiguration: { OutputLocation: updates.ResultConfigurationUpdates?.OutputLocation },
            EngineVersion: updates.EngineVersion ?? workGroup.configuration.EngineVersion,
            ExecutionRole: updates.ExecutionRole ?? workGroup.configuration.ExecutionRole,
            QueryResultsS3AccessGrantsConfiguration: updates.QueryResultsS3AccessGrantsConfiguration
            ?? workGroup.configuration.QueryResultsS3AccessGrantsConfiguration,
          },
        });
        return {};
      });
    this.answer<athena.DeleteWorkGroupInput>(mock, athena.DeleteWorkGroupCommand,
      'athena:DeleteWorkGroup', input => [arnOf(input.WorkGroup!)], async input => {
        const workGroup = find(input.WorkGroup!);
        await this.deleteServiceApplication('DeleteWorkGroup', workGroup.applicationArn);
        this.workGroups.delete(input.WorkGroup!);
        return {};
      });
    this.answer<athena.ListTagsForResourceInput>(mock, athena.ListTagsForResourceCommand,
      'athena:ListTagsForResource', input => [input.ResourceARN!], async input => {
        const workGroup = find(input.ResourceARN!.split('/').pop()!);
        return { Tags: Object.entries(workGroup.tags).map(([Key, Value]) => ({ Key, Value })) };
      });
    // TagResource "adds one or more tags"; a tag with an existing key replaces its value
    // (API_TagResource.html); UntagResource removes the tags of the keys given (API_UntagResource.html).
    this.answer<athena.TagResourceInput>(mock, athena.TagResourceCommand,
      'athena:TagResource', input => [input.ResourceARN!], async input => {
        const workGroup = find(input.ResourceARN!.split('/').pop()!);
        for (const tag of input.Tags ?? []) workGroup.tags[tag.Key!] = tag.Value!;
        return {};
      });
    this.answer<athena.UntagResourceInput>(mock, athena.UntagResourceCommand,
      'athena:UntagResource', input => [input.ResourceARN!], async input => {
        const workGroup = find(input.ResourceARN!.split('/').pop()!);
        for (const key of input.TagKeys ?? []) delete workGroup.tags[key];
        return {};
      });
  }

  /**
   * AWS Lake Formation. One Identity Center configuration per catalog: Create on a configured
   * catalog raises AlreadyExistsException, Describe/Update/Delete of a missing one
   * EntityNotFoundException (API reference, Errors). Lake Formation shares the configuration
   * through an AWS RAM share it manages as the caller; on Update, "If the ShareRecipients value
   * is null, both the list of share recipients and the resource share remain unchanged. If …
   * an empty list, then the existing share recipients list will be cleared, and the resource
   * share will be deleted" (API_UpdateLakeFormationIdentityCenterConfiguration.html).
   */
  private mockLakeFormation(): void {
    const mock = this.mock(lakeformation.LakeFormationClient);
    const find = (catalogId: string) => {
      const configuration = this.lakeFormation.get(catalogId);
      if (!configuration) {
        const message = `Identity Center configuration of catalog ${catalogId} not found`;
        throw new lakeformation.EntityNotFoundException({ message, $metadata: {} });
      }
      return configuration;
    };
    const share = async (call: string, configuration: LakeFormationConfiguration, recipients: string[] | undefined) => {
      if (recipients === undefined) return;
      if (recipients.length === 0) {
        if (configuration.shareArn) {
          await this.iam.authorize(call, 'ram:DeleteResourceShare', [configuration.shareArn]);
          this.resourceShares.delete(configuration.shareArn);
          configuration.shareArn = undefined;
        }
      } else if (!configuration.shareArn) {
        await this.iam.authorize(call, 'ram:CreateResourceShare', ['*']);
        configuration.shareArn = `arn:aws:ram:${REGION}:${ACCOUNT}:resource-share/${this.id()}`;
        this.resourceShares.set(configuration.shareArn, recipients);
      } else {
        await this.iam.authorize(call, 'ram:AssociateResourceShare', [configuration.shareArn]);
        await this.iam.authorize(call, 'ram:DisassociateResourceShare', [configuration.shareArn]);
        this.resourceShares.set(configuration.shareArn, recipients);
      }
      configuration.shareRecipients = recipients;
    };
    const recipientsOf = (input: { ShareRecipients?: lakeformation.DataLakePrincipal[] }) =>
      input.ShareRecipients?.map(r => r.DataLakePrincipalIdentifier!);
    this.answer<lakeformation.CreateLakeFormationIdentityCenterConfigurationRequest>(
      mock, lakeformation.CreateLakeFormationIdentityCenterConfigurationCommand,
      'lakeformation:CreateLakeFormationIdentityCenterConfiguration', () => ['*'], async input => {
        const call = 'CreateLakeFormationIdentityCenterConfiguration';
        if (this.lakeFormation.has(input.CatalogId!)) {
          throw new lakeformation.AlreadyExistsException({ message: 'Identity Center configuration already exists', $metadata: {} });
        }
        const applicationArn = await this.createServiceApplication(call, input.InstanceArn!, 'lakeformation');
        const configuration: LakeFormationConfiguration = {
          instanceArn: input.InstanceArn!,
          applicationArn,
          externalFiltering: input.ExternalFiltering,
          shareRecipients: [],
          serviceIntegrations: input.ServiceIntegrations,
        };
        this.lakeFormation.set(input.CatalogId!, configuration);
        await share(call, configuration, recipientsOf(input));
        return { ApplicationArn: applicationArn };
      });
    this.answer<lakeformation.DescribeLakeFormationIdentityCenterConfigurationRequest>(
      mock, lakeformation.DescribeLakeFormationIdentityCenterConfigurationCommand,
      'lakeformation:DescribeLakeFormationIdentityCenterConfiguration', () => ['*'], async input => {
        const configuration = find(input.CatalogId!);
        // The response carries the settings too (API_DescribeLakeFormationIdentityCenterConfiguration.html).
        return {
          CatalogId: input.CatalogId,
          InstanceArn: configuration.instanceArn,
          ApplicationArn: configuration.applicationArn,
          ExternalFiltering: configuration.externalFiltering,
          ShareRecipients: configuration.shareRecipients.length > 0
            ? configuration.shareRecipients.map(DataLakePrincipalIdentifier => ({ DataLakePrincipalIdentifier })) : undefined,
          ServiceIntegrations: configuration.serviceIntegrations,
        };
      });
    this.answer<lakeformation.UpdateLakeFormationIdentityCenterConfigurationRequest>(
      mock, lakeformation.UpdateLakeFormationIdentityCenterConfigurationCommand,
      'lakeformation:UpdateLakeFormationIdentityCenterConfiguration', () => ['*'], async input => {
        const call = 'UpdateLakeFormationIdentityCenterConfiguration';
        const configuration = find(input.CatalogId!);
        if (input.ExternalFiltering) configuration.externalFiltering = input.ExternalFiltering;
        if (input.ServiceIntegrations) configuration.serviceIntegrations = input.ServiceIntegrations;
        await share(call, configuration, recipientsOf(input));
        return {};
      });
    this.answer<lakeformation.DeleteLakeFormationIdentityCenterConfigurationRequest>(
      mock, lakeformation.DeleteLakeFormationIdentityCenterConfigurationCommand,
      'lakeformation:DeleteLakeFormationIdentityCenterConfiguration', () => ['*'], async input => {
        const call = 'DeleteLakeFormationIdentityCenterConfiguration';
        const configuration = find(input.CatalogId!);
        await this.deleteServiceApplication(call, configuration.applicationArn);
        // Assumed: Lake Formation removes its share with the configuration (no page says).
        if (configuration.shareArn) this.resourceShares.delete(configuration.shareArn);
        this.lakeFormation.delete(input.CatalogId!);
        return {};
      });
  }

  /**
   * Amazon QuickSight identity propagation. UpdateIdentityPropagationConfig "Adds or updates
   * services and authorized targets" (API_UpdateIdentityPropagationConfig.html); without targets
   * QuickSight "authorizes users from any Amazon Redshift cluster that share the same IAM
   * Identity Center instance" (user/redshift-trusted-identity-propagation-enable.html). Assumed:
   * an update without targets leaves the targets a service already has. Deleting a service that
   * is not configured raises ResourceNotFoundException (API reference, Errors).
   */
  private mockQuickSight(): void {
    const mock = this.mock(quicksight.QuickSightClient);
    this.answer<quicksight.UpdateIdentityPropagationConfigRequest>(mock, quicksight.UpdateIdentityPropagationConfigCommand,
      'quicksight:UpdateIdentityPropagationConfig', () => ['*'], async input => {
        const key = `${input.AwsAccountId}/${input.Service}`;
        this.quickSight.set(key, input.AuthorizedTargets ?? (this.quickSight.has(key) ? this.quickSight.get(key) : undefined));
        return {};
      });
    this.answer<quicksight.DeleteIdentityPropagationConfigRequest>(mock, quicksight.DeleteIdentityPropagationConfigCommand,
      'quicksight:DeleteIdentityPropagationConfig', () => ['*'], async input => {
        if (!this.quickSight.delete(`${input.AwsAccountId}/${input.Service}`)) {
          throw new quicksight.ResourceNotFoundException({ message: `${input.Service} is not configured`, $metadata: {} });
        }
        return {};
      });
    // AccountInfo: AuthenticationType and IAMIdentityCenterInstanceArn (API_AccountInfo.html);
    // assumed: an account without a subscription raises ResourceNotFoundException.
    this.answer<quicksight.DescribeAccountSubscriptionRequest>(mock, quicksight.DescribeAccountSubscriptionCommand,
      'quicksight:DescribeAccountSubscription', input => [`arn:aws:quicksight:${REGION}:${ACCOUNT}:account/${input.AwsAccountId}`], async () => {
        const subscription = this.quickSightSubscription;
        if (!subscription) throw new quicksight.ResourceNotFoundException({ message: 'the account is not subscribed to QuickSight', $metadata: {} });
        return { AccountInfo: { AuthenticationType: subscription.authenticationType, IAMIdentityCenterInstanceArn: subscription.instanceArn } };
      });
    this.answer<quicksight.ListIdentityPropagationConfigsRequest>(mock, quicksight.ListIdentityPropagationConfigsCommand,
      'quicksight:ListIdentityPropagationConfigs', () => ['*'], async input => {
        const services = [...this.quickSight].filter(([key]) => key.startsWith(`${input.AwsAccountId}/`))
          .map(([key, AuthorizedTargets]) => ({ Service: key.split('/')[1] as quicksight.ServiceType, AuthorizedTargets }));
        return { Services: services };
      });
  }

  /**
   * The Redshift Data API on a provisioned cluster, running the identity provider statements.
   * ExecuteStatement with a secret needs redshift-data:ExecuteStatement on the cluster and
   * secretsmanager:GetSecretValue on the secret (redshift/latest/mgmt/data-api-access.html);
   * DescribeStatement and GetStatementResult have no resource type. CREATE IDENTITY PROVIDER
   * fails on a taken name; ALTER cannot change APPLICATION_ARN; DROP IDENTITY PROVIDER …
   * CASCADE "Deletes users and roles attached to the identity provider", so without CASCADE a
   * provider that has them is assumed to fail to drop (dg/r_CREATE_IDENTITY_PROVIDER.html,
   * r_ALTER_IDENTITY_PROVIDER.html, r_DROP_IDENTITY_PROVIDER.html). SVV_IDENTITY_PROVIDERS shows
   * uid, name, type, instanceid, namespc, params; assumed: an AWSIDC provider's params JSON
   * names its application (r_SVV_IDENTITY_PROVIDERS.html documents params only for Azure).
   * Identifiers fold to lower case (dg/r_names.html).
   */
  private mockRedshiftData(): void {
    const mock = this.mock(redshiftData.RedshiftDataClient);
    mock.on(redshiftData.ExecuteStatementCommand).callsFake(async (input: redshiftData.ExecuteStatementInput) => {
      this.calls.push('ExecuteStatement');
      const cluster = `arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:${input.ClusterIdentifier}`;
      await this.iam.authorize('ExecuteStatement', 'redshift-data:ExecuteStatement', [cluster]);
      await this.iam.authorize('ExecuteStatement', 'secretsmanager:GetSecretValue', [input.SecretArn!]);
      const providers = this.redshift.get(input.ClusterIdentifier!);
      if (!providers) throw new redshiftData.ValidationException({ message: `Cluster ${input.ClusterIdentifier} not found.`, $metadata: {} });
      const Id = `statement-${this.id()}`;
      this.statements.set(Id, runSql(providers, input));
      return { Id };
    });
    this.answer<redshiftData.DescribeStatementRequest>(mock, redshiftData.DescribeStatementCommand,
      'redshift-data:DescribeStatement', () => ['*'], async input => {
        const statement = this.statements.get(input.Id!)!;
        return { Id: input.Id, Status: statement.status, Error: statement.error, HasResultSet: statement.records !== undefined };
      });
    this.answer<redshiftData.GetStatementResultRequest>(mock, redshiftData.GetStatementResultCommand,
      'redshift-data:GetStatementResult', () => ['*'], async input => {
        return { Records: this.statements.get(input.Id!)!.records ?? [] };
      });
  }

  /**
   * Answers `command`: records the call, authorizes `action` on the resources the input names,
   * then runs `act` (which may authorize what the service does as the caller).
   */
  /**
   * Amazon S3 Access Grants (S3 Control). The instance's ID "is default. You can have one S3 Access
   * Grants instance per Region per account" (GetAccessGrantsInstance); without one, calls fail with
   * "AccessGrantsInstanceNotExistsError: Access Grants Instance does not exist" (S3 API Reference,
   * error responses). AssociateAccessGrantsIdentityCenter needs "sso:CreateApplication,
   * sso:PutApplicationGrant, and sso:PutApplicationAuthenticationMethod" as the caller, and
   * DissociateAccessGrantsIdentityCenter "sso:DeleteApplication" (their API reference pages): S3
   * Access Grants makes and deletes its Identity Center application. Assumed: associating an
   * instance that is already associated is refused (no page says what happens).
   */
  private mockS3AccessGrants(): void {
    const mock = this.mock(s3control.S3ControlClient);
    const instanceArn = `arn:aws:s3:${REGION}:${ACCOUNT}:access-grants/default`;
    const find = () => {
      if (!this.accessGrants) {
        throw Object.assign(new Error('Access Grants Instance does not exist'), { name: 'AccessGrantsInstanceNotExistsError', $metadata: { httpStatusCode: 404 } });
      }
      return this.accessGrants;
    };
    this.answer<s3control.GetAccessGrantsInstanceRequest>(mock, s3control.GetAccessGrantsInstanceCommand,
      's3:GetAccessGrantsInstance', () => [instanceArn], async () => {
        const instance = find();
        return {
          AccessGrantsInstanceArn: instance.arn,
          AccessGrantsInstanceId: 'default',
          IdentityCenterInstanceArn: instance.association?.instanceArn,
          IdentityCenterApplicationArn: instance.association?.applicationArn,
        };
      });
    this.answer<s3control.AssociateAccessGrantsIdentityCenterRequest>(mock, s3control.AssociateAccessGrantsIdentityCenterCommand,
      's3:AssociateAccessGrantsIdentityCenter', () => [instanceArn], async input => {
        const instance = find();
        if (instance.association) throw Object.assign(new Error('already associated'), { name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
        const call = 'AssociateAccessGrantsIdentityCenter';
        const applicationArn = await this.createServiceApplication(call, input.IdentityCenterArn!, 's3');
        await this.iam.authorize(call, 'sso:PutApplicationGrant', [applicationArn]);
        await this.iam.authorize(call, 'sso:PutApplicationAuthenticationMethod', [applicationArn]);
        instance.association = { instanceArn: input.IdentityCenterArn!, applicationArn };
        return {};
      });
    this.answer<s3control.DissociateAccessGrantsIdentityCenterRequest>(mock, s3control.DissociateAccessGrantsIdentityCenterCommand,
      's3:DissociateAccessGrantsIdentityCenter', () => [instanceArn], async () => {
        const instance = find();
        if (instance.association) await this.deleteServiceApplication('DissociateAccessGrantsIdentityCenter', instance.association.applicationArn);
        instance.association = undefined;
        return {};
      });
  }

  /**
   * Amazon Redshift: DescribeRedshiftIdcApplications has no resource type (Service
   * Authorization Reference, Amazon Redshift) and answers RedshiftIdcApplicationNotExistsFault
   * for a missing application (API_DescribeRedshiftIdcApplications.html, Errors).
   */
  private mockRedshift(): void {
    const mock = this.mock(redshift.RedshiftClient);
    this.answer<redshift.DescribeRedshiftIdcApplicationsMessage>(mock, redshift.DescribeRedshiftIdcApplicationsCommand,
      'redshift:DescribeRedshiftIdcApplications', () => ['*'], async input => {
        const application = this.redshiftApplications.get(input.RedshiftIdcApplicationArn!);
        if (!application) {
          throw new redshift.RedshiftIdcApplicationNotExistsFault({ message: `${input.RedshiftIdcApplicationArn} does not exist`, $metadata: {} });
        }
        return {
          RedshiftIdcApplications: [{
            RedshiftIdcApplicationArn: input.RedshiftIdcApplicationArn,
            IdcInstanceArn: application.instanceArn,
            ServiceIntegrations: application.serviceIntegrations,
          }],
        };
      });
  }

  /**
   * EMR Serverless. A missing application is ResourceNotFoundException; "An application has to
   * be in a stopped or created state in order to be updated" (UpdateApplication, API reference);
   * turning user background sessions on or off needs sso:PutApplicationSessionConfiguration as
   * the caller (security-iam-service-trusted-prop-user-background.html).
   */
  private mockEmrServerless(): void {
    const mock = this.mock(emrServerless.EMRServerlessClient);
    const arnOf = (id: string) => `arn:aws:emr-serverless:${REGION}:${ACCOUNT}:/applications/${id}`;
    const find = (id: string) => {
      const application = this.emrServerlessApplications.get(id);
      if (!application) throw new emrServerless.ResourceNotFoundException({ message: `Application ${id} does not exist`, $metadata: {} });
      return application;
    };
    this.answer<emrServerless.GetApplicationRequest>(mock, emrServerless.GetApplicationCommand,
      'emr-serverless:GetApplication', input => [arnOf(input.applicationId!)], async input => {
        const application = find(input.applicationId!);
        return {
          application: {
            applicationId: input.applicationId,
            arn: arnOf(input.applicationId!),
            name: application.name,
            releaseLabel: application.releaseLabel,
            type: 'SPARK',
            state: application.state,
            createdAt: new Date(0),
            updatedAt: new Date(0),
            identityCenterConfiguration: application.identityCenter && {
              identityCenterInstanceArn: application.identityCenter.instanceArn,
              identityCenterApplicationArn: application.identityCenter.applicationArn,
              userBackgroundSessionsEnabled: application.identityCenter.userBackgroundSessionsEnabled,
            },
          },
        };
      });
    this.answer<emrServerless.UpdateApplicationRequest>(mock, emrServerless.UpdateApplicationCommand,
      'emr-serverless:UpdateApplication', input => [arnOf(input.applicationId!)], async input => {
        const application = find(input.applicationId!);
        if (application.state !== 'CREATED' && application.state !== 'STOPPED') {
          throw new emrServerless.ValidationException({ message: 'An application has to be in a stopped or created state in order to be updated', $metadata: {} });
        }
        const wanted = input.identityCenterConfiguration;
        if (wanted && application.identityCenter) {
          const enabled = wanted.userBackgroundSessionsEnabled ?? false;
          if (enabled !== application.identityCenter.userBackgroundSessionsEnabled) {
            await this.iam.authorize('UpdateApplication', 'sso:PutApplicationSessionConfiguration', [application.identityCenter.applicationArn]);
          }
          application.identityCenter.userBackgroundSessionsEnabled = enabled;
        }
        return { application: {} };
      });
  }

  /** CloudFormation's DescribeStacks, answering the status of the stack the simulator is deploying. */
  private mockCloudFormation(): void {
    const mock = this.mock(cloudformation.CloudFormationClient);
    this.answer<cloudformation.DescribeStacksInput>(mock, cloudformation.DescribeStacksCommand,
      'cloudformation:DescribeStacks', input => [input.StackName!], async input => ({
        Stacks: [{ StackId: input.StackName, StackName: STACK_NAME, StackStatus: this.iam.cloudFormation.stackStatus(), CreationTime: new Date(0) }],
      }));
  }

  private answer<I>(
    mock: AwsStub<any, any, any>, command: any, action: string, resources: (input: I) => string[], act: (input: I) => Promise<unknown>,
  ): void {
    const operation = action.split(':')[1];
    mock.on(command).callsFake(async (input: I) => {
      this.calls.push(operation);
      await this.iam.authorize(operation, action, resources(input));
      return act(input);
    });
  }

  private mock(client: any): AwsStub<any, any, any> {
    const mock = mockClient(client);
    mock.onAnyCommand().callsFake(async (input: unknown) => {
      throw new Error(`the fakes do not model this call: ${JSON.stringify(input)}`);
    });
    this.mocks.push(mock);
    return mock;
  }
}

/** Runs one identity provider statement against a cluster's providers. */
function runSql(providers: Map<string, RedshiftIdentityProvider>, input: redshiftData.ExecuteStatementInput) {
  const sql = input.Sql!;
  const name = (quoted: string) => quoted.slice(1, -1).replace(/""/g, '"').toLowerCase();
  const literal = (text: string) => text.slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, '\\');
  const failed = (error: string) => ({ status: 'FAILED' as const, error });
  const LITERAL = "'(?:[^'\\\\]|''|\\\\.)*'";
  let match: RegExpMatchArray | null;
  if (/^SELECT instanceid, params FROM svv_identity_providers WHERE lower\(name\) = lower\(:name\)$/.test(sql)) {
    const provider = providers.get(input.Parameters![0].value!.toLowerCase());
    const records = provider ? [[
      { stringValue: `${provider.applicationArn.split('/').pop()}` },
      { stringValue: JSON.stringify({ application_arn: provider.applicationArn, iam_role: provider.iamRole }) },
    ]] : [];
    return { status: 'FINISHED' as const, records };
  }
  const create = `^CREATE IDENTITY PROVIDER ("(?:[^"]|"")+") TYPE AWSIDC NAMESPACE (${LITERAL}) APPLICATION_ARN (${LITERAL}) IAM_ROLE (${LITERAL})$`;
  if ((match = sql.match(new RegExp(create)))) {
    const key = name(match[1]);
    if (providers.has(key)) return failed(`ERROR: identity provider "${key}" already exists`);
    providers.set(key, { name: key, namespace: literal(match[2]), applicationArn: literal(match[3]), iamRole: literal(match[4]), principals: 0 });
    return { status: 'FINISHED' as const };
  }
  if ((match = sql.match(new RegExp(`^ALTER IDENTITY PROVIDER ("(?:[^"]|"")+") NAMESPACE (${LITERAL}) IAM_ROLE (${LITERAL})$`)))) {
    const provider = providers.get(name(match[1]));
    if (!provider) return failed(`ERROR: identity provider "${name(match[1])}" does not exist`);
    provider.namespace = literal(match[2]);
    provider.iamRole = literal(match[3]);
    return { status: 'FINISHED' as const };
  }
  if ((match = sql.match(/^DROP IDENTITY PROVIDER ("(?:[^"]|"")+")( CASCADE)?$/))) {
    const provider = providers.get(name(match[1]));
    if (!provider) return failed(`ERROR: identity provider "${name(match[1])}" does not exist`);
    if (provider.principals > 0 && !match[2]) {
      return failed(`ERROR: cannot drop identity provider "${provider.name}" because other objects depend on it`);
    }
    providers.delete(provider.name);
    return { status: 'FINISHED' as const };
  }
  return failed(`ERROR: syntax error: the fake does not model ${sql}`);
}

import {
  DeleteApplicationAccessScopeCommand,
  DeleteApplicationAuthenticationMethodCommand,
  DeleteApplicationGrantCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationAssignmentConfigurationCommand,
  PutApplicationAuthenticationMethodCommand,
  PutApplicationGrantCommand,
  PutApplicationSessionConfigurationCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { parseBoolean, requiredString } from './properties';
import { lazyClient, sdkCall, sdkDelete } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import type { APPLICATION_CONFIGURATION, ApplicationConfigurationProperties } from '../contracts/application-configuration';
import type { Wire } from '../contracts/wire';

/**
 * The configuration of one Identity Center application that CloudFormation cannot express:
 * grants, authentication methods, access scopes, the assignment requirement and user
 * background sessions. The construct sends it as the custom resource's properties.
 */
interface ApplicationConfiguration {
  readonly applicationArn: string;
  /** Grant by grant type. */
  readonly grants: Map<string, unknown>;
  /** Authentication method by type. */
  readonly authenticationMethods: Map<string, unknown>;
  /** Authorized targets (undefined: any) by scope. */
  readonly accessScopes: Map<string, string[] | undefined>;
  readonly assignmentRequired: boolean;
  readonly userBackgroundSessions: boolean;
}

const sso = lazyClient(SSOAdminClient);

export async function onApplicationConfigurationEvent(event: ResourceEvent<typeof APPLICATION_CONFIGURATION>): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  const physicalResourceId = `${desired.applicationArn}/configuration`;
  switch (event.RequestType) {
    case 'Create':
      await converge(undefined, desired);
      return { PhysicalResourceId: physicalResourceId };
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      // A new application (replacement) starts empty; CloudFormation then deletes the old
      // configuration because the physical id changes.
      await converge(previous.applicationArn === desired.applicationArn ? previous : undefined, desired);
      return { PhysicalResourceId: physicalResourceId };
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
  }
}

/**
 * Brings the application from `previous` (undefined: nothing configured yet) to `desired`:
 * puts what is new or changed, then deletes what was removed. Every call is idempotent, so a
 * retried or rolled-back update (CloudFormation sends the old properties back) converges.
 */
async function converge(previous: ApplicationConfiguration | undefined, desired: ApplicationConfiguration): Promise<void> {
  const ApplicationArn = desired.applicationArn;
  const call = <T>(operation: string, subject: string, send: () => Promise<T>) =>
    sdkCall({ operation, subject, resource: ApplicationArn }, send);

  for (const [GrantType, Grant] of changed(previous?.grants, desired.grants)) {
    await call('PutApplicationGrant', `grant ${GrantType}`, () =>
      sso().send(new PutApplicationGrantCommand({ ApplicationArn, GrantType: GrantType as any, Grant: Grant as any })));
  }
  for (const [AuthenticationMethodType, AuthenticationMethod] of changed(previous?.authenticationMethods, desired.authenticationMethods)) {
    await call('PutApplicationAuthenticationMethod', `authentication method ${AuthenticationMethodType}`, () =>
      sso().send(new PutApplicationAuthenticationMethodCommand({
        ApplicationArn,
        AuthenticationMethodType: AuthenticationMethodType as any,
        AuthenticationMethod: AuthenticationMethod as any,
      })));
  }
  for (const [Scope, AuthorizedTargets] of changed(previous?.accessScopes, desired.accessScopes)) {
    // PutApplicationAccessScope "adds or updates" the scope's targets; AWS does not document
    // that a Put without targets removes the ones a scope has, and Terraform's access scope
    // resource replaces the scope whenever its targets change
    // (hashicorp/terraform-provider-aws, ssoadmin/application_access_scope.go: RequiresReplace).
    // So a scope whose targets change is deleted first, then put with exactly the new targets.
    if (previous?.accessScopes.has(Scope)) await deleteAccessScope(ApplicationArn, Scope);
    await call('PutApplicationAccessScope', `access scope ${Scope}`, () =>
      sso().send(new PutApplicationAccessScopeCommand({ ApplicationArn, Scope, AuthorizedTargets })));
  }
  if (previous?.assignmentRequired !== desired.assignmentRequired) {
    await call('PutApplicationAssignmentConfiguration', `assignment required ${desired.assignmentRequired}`, () =>
      sso().send(new PutApplicationAssignmentConfigurationCommand({ ApplicationArn, AssignmentRequired: desired.assignmentRequired })));
  }
  // User background sessions are off unless turned on, so a new application needs the call
  // only to turn them on: applications and regions without the feature may reject it.
  if ((previous?.userBackgroundSessions ?? false) !== desired.userBackgroundSessions) {
    const status = desired.userBackgroundSessions ? 'ENABLED' : 'DISABLED';
    await call('PutApplicationSessionConfiguration', `user background sessions ${status}`, () =>
      sso().send(new PutApplicationSessionConfigurationCommand({ ApplicationArn, UserBackgroundSessionApplicationStatus: status })));
  }

  if (previous) {
    await removeItems(ApplicationArn, {
      grants: removed(previous.grants, desired.grants),
      authenticationMethods: removed(previous.authenticationMethods, desired.authenticationMethods),
      accessScopes: removed(previous.accessScopes, desired.accessScopes),
    });
  }
}

/**
 * Deletes the grants, authentication methods and access scopes. The assignment requirement
 * and session setting are left alone: they are properties of the application, which
 * CloudFormation deletes right after this resource.
 */
async function remove(configuration: ApplicationConfiguration): Promise<void> {
  await removeItems(configuration.applicationArn, {
    grants: [...configuration.grants.keys()],
    authenticationMethods: [...configuration.authenticationMethods.keys()],
    accessScopes: [...configuration.accessScopes.keys()],
  });
}

interface ItemKeys {
  readonly grants: string[];
  readonly authenticationMethods: string[];
  readonly accessScopes: string[];
}

async function removeItems(ApplicationArn: string, items: ItemKeys): Promise<void> {
  // Deleting what is already gone (or whose application is gone) is success.
  const call = (operation: string, subject: string, send: () => Promise<unknown>) =>
    sdkDelete({ operation, subject, resource: ApplicationArn }, send);
  for (const Scope of items.accessScopes) await deleteAccessScope(ApplicationArn, Scope);
  for (const AuthenticationMethodType of items.authenticationMethods) {
    await call('DeleteApplicationAuthenticationMethod', `authentication method ${AuthenticationMethodType}`, () =>
      sso().send(new DeleteApplicationAuthenticationMethodCommand({ ApplicationArn, AuthenticationMethodType: AuthenticationMethodType as any })));
  }
  for (const GrantType of items.grants) {
    await call('DeleteApplicationGrant', `grant ${GrantType}`, () =>
      sso().send(new DeleteApplicationGrantCommand({ ApplicationArn, GrantType: GrantType as any })));
  }
}

/** Deletes an access scope; one that is already gone (or whose application is) counts as deleted. */
function deleteAccessScope(ApplicationArn: string, Scope: string): Promise<void> {
  return sdkDelete({ operation: 'DeleteApplicationAccessScope', subject: `access scope ${Scope}`, resource: ApplicationArn }, () =>
    sso().send(new DeleteApplicationAccessScopeCommand({ ApplicationArn, Scope })));
}

/** Entries of `desired` that are absent from `previous` or differ from it. */
function changed<V>(previous: Map<string, V> | undefined, desired: Map<string, V>): Array<[string, V]> {
  return [...desired].filter(([key, value]) => !previous?.has(key) || canonical(previous.get(key)) !== canonical(value));
}

/** Keys of `previous` that `desired` no longer has. */
function removed<V>(previous: Map<string, V>, desired: Map<string, V>): string[] {
  return [...previous.keys()].filter(key => !desired.has(key));
}

/** JSON with sorted object keys, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
    : v);
}

function parse(properties: Partial<Wire<ApplicationConfigurationProperties>>): ApplicationConfiguration {
  return {
    applicationArn: requiredString(properties, 'ApplicationArn'),
    grants: new Map((properties.Grants ?? []).map((g: any) => [g.GrantType, g.Grant])),
    authenticationMethods: new Map((properties.AuthenticationMethods ?? [])
      .map((m: any) => [m.AuthenticationMethodType, m.AuthenticationMethod])),
    accessScopes: new Map((properties.AccessScopes ?? []).map((s: any) => [s.Scope, s.AuthorizedTargets])),
    assignmentRequired: parseBoolean('AssignmentRequired', properties.AssignmentRequired, true),
    userBackgroundSessions: parseBoolean('UserBackgroundSessions', properties.UserBackgroundSessions, false),
  };
}

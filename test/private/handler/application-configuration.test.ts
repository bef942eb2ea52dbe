import * as ssoAdmin from '@aws-sdk/client-sso-admin';
import {
  AccessDeniedException,
  ConflictException,
  DeleteApplicationAccessScopeCommand,
  DeleteApplicationAuthenticationMethodCommand,
  DeleteApplicationGrantCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationAssignmentConfigurationCommand,
  PutApplicationAuthenticationMethodCommand,
  PutApplicationGrantCommand,
  ResourceNotFoundException,
  SSOAdminClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { CustomResourceEvent } from '../../../src/private/handler/types';
import { requestSchemaProblems } from '../../util/sdk-schema';

const sso = mockClient(SSOAdminClient);
const APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444';
const OTHER_APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-5555666677778888';
const TTI = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-12345678-1234-1234-1234-123456789012';
const TARGET = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
const ROLE = 'arn:aws:iam::111122223333:role/webapp';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Properties as CloudFormation delivers them: every scalar a string. */
function properties(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:provider',
    ApplicationArn: APP,
    Grants: [{
      GrantType: JWT_BEARER,
      Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: TTI, AuthorizedAudiences: ['web-client'] }] } },
    }],
    AuthenticationMethods: [{
      AuthenticationMethodType: 'IAM',
      AuthenticationMethod: {
        Iam: {
          ActorPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
          },
        },
      },
    }],
    AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: [TARGET] }, { Scope: 'lakeformation:query' }],
    AssignmentRequired: 'true',
    UserBackgroundSessions: 'false',
    ...overrides,
  };
}

function event(RequestType: 'Create' | 'Update' | 'Delete', props: Record<string, any>, old?: Record<string, any>): CustomResourceEvent {
  return {
    RequestType,
    ServiceToken: props.ServiceToken,
    ResponseURL: 'https://cloudformation-custom-resource-response.example.com/',
    StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid',
    RequestId: 'request',
    LogicalResourceId: 'AppConfiguration',
    ResourceType: 'Custom::IdentityCenterApplicationConfiguration',
    ResourceProperties: props as any,
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: `${(old ?? props).ApplicationArn}/configuration` }),
    ...(old ? { OldResourceProperties: old } : {}),
  } as CustomResourceEvent;
}

/** The calls made, in order, as [operation, input]. */
function calls(): Array<[string, any]> {
  return sso.calls().map(call => {
    const command = call.args[0] as any;
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  sso.reset();
  sso.resolves({});
});
afterEach(() => {
  // Every request the handler built must be one the SDK's own schema accepts.
  for (const [operation, input] of calls()) {
    expect(requestSchemaProblems(ssoAdmin, operation, input)).toEqual([]);
  }
});

describe('create', () => {
  test('puts every grant, authentication method and scope, then the assignment setting; user background sessions stay off without a call', async () => {
    const response = await handle(event('Create', properties()));

    expect(response.PhysicalResourceId).toBe(`${APP}/configuration`);
    expect(calls()).toEqual([
      ['PutApplicationGrant', { ApplicationArn: APP, ...properties().Grants[0] }],
      ['PutApplicationAuthenticationMethod', { ApplicationArn: APP, ...properties().AuthenticationMethods[0] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect', AuthorizedTargets: [TARGET] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'lakeformation:query', AuthorizedTargets: undefined }],
      ['PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: true }],
    ]);
  });

  test('an application without grants or scopes gets only its assignment and session settings', async () => {
    await handle(event('Create', { ServiceToken: 'x', ApplicationArn: APP, AssignmentRequired: 'false', UserBackgroundSessions: 'true' }));

    expect(calls()).toEqual([
      ['PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: false }],
      ['PutApplicationSessionConfiguration', { ApplicationArn: APP, UserBackgroundSessionApplicationStatus: 'ENABLED' }],
    ]);
  });

  test('fails with the application named when it does not exist', async () => {
    sso.on(PutApplicationGrantCommand).rejects(new ResourceNotFoundException({ message: 'Application not found', $metadata: {} }));

    await expect(handle(event('Create', properties()))).rejects.toThrow(
      `PutApplicationGrant (grant ${JWT_BEARER}) on ${APP} failed: ResourceNotFoundException: Application not found`);
  });
});

describe('update', () => {
  test('puts only what changed and deletes what was removed', async () => {
    const old = properties();
    const desired = properties({
      Grants: [{
        GrantType: JWT_BEARER,
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: TTI, AuthorizedAudiences: ['web-client', 'mobile-client'] }] } },
      }],
      AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: [TARGET] }, { Scope: 's3:access_grants:read_write' }],
      AssignmentRequired: 'false',
    });

    const response = await handle(event('Update', desired, old));

    expect(response.PhysicalResourceId).toBe(`${APP}/configuration`);
    expect(calls()).toEqual([
      ['PutApplicationGrant', { ApplicationArn: APP, ...desired.Grants[0] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 's3:access_grants:read_write', AuthorizedTargets: undefined }],
      ['PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: false }],
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'lakeformation:query' }],
    ]);
  });

  test('makes no call when nothing changed, whatever the key order', async () => {
    const old = properties();
    const reordered = JSON.parse(JSON.stringify(old), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v);

    await handle(event('Update', reordered, old));

    expect(calls()).toEqual([]);
  });

  test('removes the authentication method and every grant when they are dropped', async () => {
    const desired = properties({ Grants: undefined, AuthenticationMethods: undefined });

    await handle(event('Update', desired, properties()));

    expect(calls()).toEqual([
      ['DeleteApplicationAuthenticationMethod', { ApplicationArn: APP, AuthenticationMethodType: 'IAM' }],
      ['DeleteApplicationGrant', { ApplicationArn: APP, GrantType: JWT_BEARER }],
    ]);
  });

  test('configures a replacement application in full and returns a new physical id', async () => {
    const desired = properties({ ApplicationArn: OTHER_APP });

    const response = await handle(event('Update', desired, properties()));

    expect(response.PhysicalResourceId).toBe(`${OTHER_APP}/configuration`);
    expect(calls().map(([op, input]) => [op, input.ApplicationArn])).toEqual([
      ['PutApplicationGrant', OTHER_APP],
      ['PutApplicationAuthenticationMethod', OTHER_APP],
      ['PutApplicationAccessScope', OTHER_APP],
      ['PutApplicationAccessScope', OTHER_APP],
      ['PutApplicationAssignmentConfiguration', OTHER_APP],
    ]);
  });

  test('a rollback (old and new properties swapped) restores the previous configuration', async () => {
    const before = properties();
    const failedUpdate = properties({ AccessScopes: [{ Scope: 'redshift:connect' }, { Scope: 'sso:account:access' }] });

    await handle(event('Update', before, failedUpdate));

    expect(calls()).toEqual([
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect' }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect', AuthorizedTargets: [TARGET] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'lakeformation:query', AuthorizedTargets: undefined }],
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'sso:account:access' }],
    ]);
  });

  test('replaces a scope whose targets change: deletes it, then puts it with exactly the new targets', async () => {
    const withoutTargets = properties({ AccessScopes: [{ Scope: 'redshift:connect' }, { Scope: 'lakeformation:query' }] });

    await handle(event('Update', withoutTargets, properties()));

    expect(calls()).toEqual([
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect' }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect', AuthorizedTargets: undefined }],
    ]);
  });

  test('turns user background sessions on and off only when the setting changes', async () => {
    const on = properties({ UserBackgroundSessions: 'true' });

    await handle(event('Update', on, properties()));
    await handle(event('Update', on, on));
    await handle(event('Update', properties(), on));

    expect(calls()).toEqual([
      ['PutApplicationSessionConfiguration', { ApplicationArn: APP, UserBackgroundSessionApplicationStatus: 'ENABLED' }],
      ['PutApplicationSessionConfiguration', { ApplicationArn: APP, UserBackgroundSessionApplicationStatus: 'DISABLED' }],
    ]);
  });
});

describe('a multi-call update that fails half-way', () => {
  test('converges when CloudFormation rolls it back with the old properties', async () => {
    const before = properties();
    const after = properties({
      Grants: [{ GrantType: 'refresh_token', Grant: { RefreshToken: {} } }],
      AccessScopes: [{ Scope: 'sso:account:access' }],
      AssignmentRequired: 'false',
    });
    // The update puts the new grant, then fails on the new scope.
    sso.on(PutApplicationAccessScopeCommand).rejectsOnce(new ValidationException({ message: 'Invalid scope', $metadata: {} }));
    await expect(handle(event('Update', after, before))).rejects.toThrow(/PutApplicationAccessScope \(access scope sso:account:access\)/);
    const failed = calls().map(([op]) => op);

    // Rollback: CloudFormation sends the old properties as the new ones.
    await handle(event('Update', before, after));

    expect(failed).toEqual(['PutApplicationGrant', 'PutApplicationAccessScope']);
    // Everything the failed update touched or would have touched is put back or removed.
    expect(calls().slice(failed.length)).toEqual([
      ['PutApplicationGrant', { ApplicationArn: APP, ...before.Grants[0] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect', AuthorizedTargets: [TARGET] }],
      ['PutApplicationAccessScope', { ApplicationArn: APP, Scope: 'lakeformation:query', AuthorizedTargets: undefined }],
      ['PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: true }],
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'sso:account:access' }],
      ['DeleteApplicationGrant', { ApplicationArn: APP, GrantType: 'refresh_token' }],
    ]);
  });
});

describe('delete', () => {
  test('deletes scopes, authentication methods and grants', async () => {
    const response = await handle(event('Delete', properties()));

    expect(response.PhysicalResourceId).toBe(`${APP}/configuration`);
    expect(calls()).toEqual([
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'redshift:connect' }],
      ['DeleteApplicationAccessScope', { ApplicationArn: APP, Scope: 'lakeformation:query' }],
      ['DeleteApplicationAuthenticationMethod', { ApplicationArn: APP, AuthenticationMethodType: 'IAM' }],
      ['DeleteApplicationGrant', { ApplicationArn: APP, GrantType: JWT_BEARER }],
    ]);
  });

  test('succeeds when the application or its settings are already gone', async () => {
    const gone = new ResourceNotFoundException({ message: 'not found', $metadata: {} });
    sso.on(DeleteApplicationAccessScopeCommand).rejects(gone);
    sso.on(DeleteApplicationAuthenticationMethodCommand).rejects(gone);
    sso.on(DeleteApplicationGrantCommand).rejects(gone);

    await expect(handle(event('Delete', properties()))).resolves.toEqual({ PhysicalResourceId: `${APP}/configuration` });
    expect(calls()).toHaveLength(4);
  });

  test('fails when a delete is denied, naming the call and the application', async () => {
    sso.on(DeleteApplicationGrantCommand).rejects(new AccessDeniedException({ message: 'User is not authorized', $metadata: {} }));

    await expect(handle(event('Delete', properties()))).rejects.toThrow(
      /DeleteApplicationGrant \(grant urn:ietf:params:oauth:grant-type:jwt-bearer\) on .*apl-1111222233334444 failed: AccessDeniedException: User is not authorized \(the handler role may not call DeleteApplicationGrant/);
  });
});

describe('faults', () => {
  test('retries throttling with backoff and then succeeds', async () => {
    sso.on(PutApplicationGrantCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({});

    await handle(event('Create', properties()));

    expect(sso.commandCalls(PutApplicationGrantCommand)).toHaveLength(3);
    expect(sso.commandCalls(PutApplicationAssignmentConfigurationCommand)).toHaveLength(1);
  });

  test('retries a conflict', async () => {
    sso.on(PutApplicationAccessScopeCommand)
      .rejectsOnce(new ConflictException({ message: 'Concurrent modification', $metadata: {} }))
      .resolves({});

    await handle(event('Create', properties()));

    expect(sso.commandCalls(PutApplicationAccessScopeCommand)).toHaveLength(3);
  });

  test('gives up on throttling after a bounded number of attempts', async () => {
    sso.on(PutApplicationAuthenticationMethodCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));

    await expect(handle(event('Create', properties()))).rejects.toThrow(
      `PutApplicationAuthenticationMethod (authentication method IAM) on ${APP} failed after ${retryPolicy.maxAttempts} attempts: ThrottlingException: Rate exceeded`);
    expect(sso.commandCalls(PutApplicationAuthenticationMethodCommand)).toHaveLength(retryPolicy.maxAttempts);
  });

  test('fails fast on a validation error, without retrying or going on', async () => {
    sso.on(PutApplicationAccessScopeCommand).rejects(new ValidationException({ message: 'Invalid scope', $metadata: {} }));

    await expect(handle(event('Create', properties()))).rejects.toThrow(
      /PutApplicationAccessScope \(access scope redshift:connect\) on .* failed: ValidationException: Invalid scope \(AWS rejected a value/);
    expect(sso.commandCalls(PutApplicationAccessScopeCommand)).toHaveLength(1);
    expect(sso.commandCalls(PutApplicationAssignmentConfigurationCommand)).toHaveLength(0);
  });

  test('rejects a property that is not a boolean', async () => {
    await expect(handle(event('Create', properties({ AssignmentRequired: 'yes' }))))
      .rejects.toThrow('AssignmentRequired must be true or false (got "yes")');
    expect(calls()).toEqual([]);
  });

  test('rejects an unknown custom resource type', async () => {
    await expect(handle({ ...event('Create', properties()), ResourceType: 'Custom::Other' }))
      .rejects.toThrow('Unknown custom resource type Custom::Other; this handler serves Custom::IdentityCenterApplicationConfiguration');
  });
});

describe('request schema check', () => {
  test('catches a request the SDK would not accept', () => {
    expect(requestSchemaProblems(ssoAdmin, 'PutApplicationGrant', {
      ApplicationArn: APP,
      GrantType: 'implicit',
      Grant: { JwtBearer: {}, RefreshToken: {} },
      Extra: 1,
    })).toEqual([
      'PutApplicationGrant.Extra is not a member of PutApplicationGrantRequest',
      'PutApplicationGrant.GrantType must be one of authorization_code, urn:ietf:params:oauth:grant-type:jwt-bearer, refresh_token, urn:ietf:params:oauth:grant-type:token-exchange (got implicit)',
      'PutApplicationGrant.Grant is a union and must set exactly one member (sets JwtBearer, RefreshToken)',
    ]);
    expect(requestSchemaProblems(ssoAdmin, 'PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: 'true' }))
      .toEqual(['PutApplicationAssignmentConfiguration.AssignmentRequired must be a boolean (got "true")']);
    expect(requestSchemaProblems(ssoAdmin, 'PutApplicationAccessScope', { ApplicationArn: APP }))
      .toEqual(['PutApplicationAccessScope.Scope is required']);
  });
});

describe('defaults and the physical id', () => {
  test('without the settings, assignment is required and user background sessions stay off without a call', async () => {
    await handle(event('Create', { ServiceToken: 'x', ApplicationArn: APP }));

    expect(calls()).toEqual([['PutApplicationAssignmentConfiguration', { ApplicationArn: APP, AssignmentRequired: true }]]);
  });

  test('a delete answers with the physical id CloudFormation sent', async () => {
    const response = await handle({ ...event('Delete', properties()), PhysicalResourceId: 'configured-before' } as CustomResourceEvent);

    expect(response.PhysicalResourceId).toBe('configured-before');
  });

  test('a scope whose delete fails before its put fails the update, naming the delete', async () => {
    sso.on(DeleteApplicationAccessScopeCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));

    await expect(handle(event('Update', properties({ AccessScopes: [{ Scope: 'redshift:connect' }] }), properties())))
      .rejects.toThrow(`DeleteApplicationAccessScope (access scope redshift:connect) on ${APP} failed: AccessDeniedException: denied`);
    expect(sso.commandCalls(PutApplicationAccessScopeCommand)).toHaveLength(0);
  });
});

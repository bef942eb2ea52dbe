import * as emrServerlessSdk from '@aws-sdk/client-emr-serverless';
import { EMRServerlessClient, GetApplicationCommand, ResourceNotFoundException, UpdateApplicationCommand } from '@aws-sdk/client-emr-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { INSTANCE_ARN } from '../../util/fixtures';
import { requestSchemaProblems } from '../../util/sdk-schema';

const emrServerless = mockClient(EMRServerlessClient);
const TYPE = 'Custom::EmrServerlessIdentityCenter';
const APP_ID = '00fabcdefg123456';
const IDC_APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0e0e0e0e0e0e0e0e';
const PROPS = { ApplicationId: APP_ID, UserBackgroundSessionsEnabled: 'false', ApplicationHash: 'h1' };

function application(state: string, userBackgroundSessionsEnabled?: boolean) {
  return {
    application: {
      applicationId: APP_ID,
      arn: `arn:aws:emr-serverless:us-east-1:111122223333:/applications/${APP_ID}`,
      releaseLabel: 'emr-7.8.0',
      type: 'SPARK',
      state,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      identityCenterConfiguration: { identityCenterInstanceArn: INSTANCE_ARN, identityCenterApplicationArn: IDC_APP, userBackgroundSessionsEnabled },
    },
  } as any;
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  emrServerless.reset();
  emrServerless.resolves({});
  emrServerless.on(GetApplicationCommand).resolves(application('CREATED'));
});
afterEach(() => {
  for (const [operation, input] of callsOf(emrServerless)) expect(requestSchemaProblems(emrServerlessSdk, operation, input)).toEqual([]);
});

test('create reports the Identity Center application and makes no update when user background sessions are as desired', async () => {
  const response = await handle(cfnEvent(TYPE, 'Create', PROPS));
  expect(response).toEqual({ PhysicalResourceId: `${APP_ID}/identity-center`, Data: { IdentityCenterApplicationArn: IDC_APP } });
  expect(callsOf(emrServerless)).toEqual([['GetApplication', { applicationId: APP_ID }]]);
});

test('turns user background sessions on, keeping the instance, and off again on the rollback', async () => {
  await handle(cfnEvent(TYPE, 'Update', { ...PROPS, UserBackgroundSessionsEnabled: 'true' }, { old: PROPS }));
  emrServerless.on(GetApplicationCommand).resolves(application('STOPPED', true));
  await handle(cfnEvent(TYPE, 'Update', PROPS, { old: { ...PROPS, UserBackgroundSessionsEnabled: 'true' } }));
  const updates = callsOf(emrServerless).filter(([operation]) => operation === 'UpdateApplication').map(([, input]) => input);
  const update = (userBackgroundSessionsEnabled: boolean) => ({
    applicationId: APP_ID,
    clientToken: expect.any(String),
    identityCenterConfiguration: { identityCenterInstanceArn: INSTANCE_ARN, userBackgroundSessionsEnabled },
  });
  expect(updates).toEqual([update(true), update(false)]);
});

test('a started application is not updated: the error says to stop it', async () => {
  emrServerless.on(GetApplicationCommand).resolves(application('STARTED', false));
  await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, UserBackgroundSessionsEnabled: 'true' }))).rejects.toThrow(
    `EMR Serverless application ${APP_ID} is STARTED, and EMR Serverless updates an application only when it is created or stopped: `
    + `stop it (aws emr-serverless stop-application --application-id ${APP_ID}), then deploy again`);
  expect(emrServerless.commandCalls(UpdateApplicationCommand)).toHaveLength(0);
});

test('an application without Identity Center is an error that says what to set', async () => {
  emrServerless.on(GetApplicationCommand).resolves({ application: { ...application('CREATED').application, identityCenterConfiguration: undefined } });
  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
    `EMR Serverless application ${APP_ID} has no Identity Center configuration: give the application an IdentityCenterConfiguration (release emr-7.8.0 or later)`);
});

test('a missing application fails the call with its name', async () => {
  emrServerless.on(GetApplicationCommand).rejects(new ResourceNotFoundException({ message: 'Application not found', $metadata: {} }));
  await expect(handle(cfnEvent(TYPE, 'Update', PROPS, { old: PROPS }))).rejects.toThrow(
    `GetApplication (Identity Center configuration) on EMR Serverless application ${APP_ID} failed: ResourceNotFoundException: Application not found`);
});

test('delete makes no call: the configuration goes with the application', async () => {
  const response = await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: `${APP_ID}/identity-center` }));
  expect(response.PhysicalResourceId).toBe(`${APP_ID}/identity-center`);
  expect(callsOf(emrServerless)).toEqual([]);
});

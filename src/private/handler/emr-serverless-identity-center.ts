import { randomUUID } from 'crypto';
import { EMRServerlessClient, GetApplicationCommand, UpdateApplicationCommand } from '@aws-sdk/client-emr-serverless';
import { parseBoolean, requiredString } from './properties';
import { lazyClient, sdkCall } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import {
  EMR_SERVERLESS_IDENTITY_CENTER_ATTRIBUTES,
  type EMR_SERVERLESS_IDENTITY_CENTER,
  type EmrServerlessIdentityCenterProperties,
} from '../contracts/emr-serverless-identity-center';
import type { Wire } from '../contracts/wire';

const emrServerless = lazyClient(EMRServerlessClient);

interface Desired {
  readonly applicationId: string;
  readonly userBackgroundSessionsEnabled: boolean;
}

/** The states in which EMR Serverless updates an application ("An application has to be in a stopped or created state in order to be updated", UpdateApplication). */
const UPDATABLE_STATES = ['CREATED', 'STOPPED'];

/**
 * The Identity Center side of an EMR Serverless application that CloudFormation leaves out:
 * it reports the Identity Center application EMR Serverless made (GetApplication's
 * `identityCenterConfiguration.identityCenterApplicationArn`), and converges user background
 * sessions with UpdateApplication, only when they differ. The application itself, and with it
 * its Identity Center configuration, belongs to CloudFormation: a delete makes no call.
 */
export async function onEmrServerlessIdentityCenterEvent(
  event: ResourceEvent<typeof EMR_SERVERLESS_IDENTITY_CENTER>,
): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  const physicalResourceId = `${desired.applicationId}/identity-center`;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };

  const application = await call('GetApplication', desired, () =>
    emrServerless().send(new GetApplicationCommand({ applicationId: desired.applicationId }))).then(output => output.application!);
  const configuration = application.identityCenterConfiguration;
  if (!configuration?.identityCenterInstanceArn || !configuration.identityCenterApplicationArn) {
    throw new Error(`EMR Serverless application ${desired.applicationId} has no Identity Center configuration: `
      + 'give the application an IdentityCenterConfiguration (release emr-7.8.0 or later)');
  }
  if ((configuration.userBackgroundSessionsEnabled ?? false) !== desired.userBackgroundSessionsEnabled) {
    if (!UPDATABLE_STATES.includes(application.state ?? '')) {
      throw new Error(`EMR Serverless application ${desired.applicationId} is ${application.state}, and EMR Serverless updates an `
        + `application only when it is created or stopped: stop it (aws emr-serverless stop-application --application-id ${desired.applicationId}), `
        + 'then deploy again');
    }
    // One token for every attempt, so a retried update is applied once.
    const clientToken = randomUUID();
    await call('UpdateApplication', desired, () => emrServerless().send(new UpdateApplicationCommand({
      applicationId: desired.applicationId,
      clientToken,
      identityCenterConfiguration: {
        identityCenterInstanceArn: configuration.identityCenterInstanceArn,
        userBackgroundSessionsEnabled: desired.userBackgroundSessionsEnabled,
      },
    })));
  }
  return {
    PhysicalResourceId: physicalResourceId,
    Data: { [EMR_SERVERLESS_IDENTITY_CENTER_ATTRIBUTES.identityCenterApplicationArn]: configuration.identityCenterApplicationArn },
  };
}

function parse(properties: Partial<Wire<EmrServerlessIdentityCenterProperties>>): Desired {
  return {
    applicationId: requiredString(properties, 'ApplicationId'),
    userBackgroundSessionsEnabled: parseBoolean('UserBackgroundSessionsEnabled', properties.UserBackgroundSessionsEnabled, false),
  };
}

function call<T>(operation: string, desired: Desired, run: () => Promise<T>): Promise<T> {
  return sdkCall({ operation, subject: 'Identity Center configuration', resource: `EMR Serverless application ${desired.applicationId}` }, run);
}

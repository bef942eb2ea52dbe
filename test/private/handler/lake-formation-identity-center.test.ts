import { randomBytes } from 'crypto';
import * as lakeFormationSdk from '@aws-sdk/client-lakeformation';
import {
  AccessDeniedException,
  ConcurrentModificationException,
  CreateLakeFormationIdentityCenterConfigurationCommand,
  DeleteLakeFormationIdentityCenterConfigurationCommand,
  DescribeLakeFormationIdentityCenterConfigurationCommand,
  EntityNotFoundException,
  LakeFormationClient,
  UpdateLakeFormationIdentityCenterConfigurationCommand,
} from '@aws-sdk/client-lakeformation';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { INSTANCE_ARN } from '../../util/fixtures';
import { requestSchemaProblems } from '../../util/sdk-schema';

const lakeFormation = mockClient(LakeFormationClient);
const TYPE = 'Custom::LakeFormationIdentityCenterConfiguration';
const OTHER_INSTANCE = 'arn:aws:sso:::instance/ssoins-5555666677778888';
const LF_APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1f1f1f1f1f1f1f1f';
const ENGINE = 'arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
const PROPS = { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, RedshiftConnect: 'false' };
const notFound = () => new EntityNotFoundException({ message: 'Identity Center configuration not found', $metadata: {} });

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  lakeFormation.reset();
  lakeFormation.resolves({});
  lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).resolves({ CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP });
});
afterEach(() => {
  for (const [operation, input] of callsOf(lakeFormation)) expect(requestSchemaProblems(lakeFormationSdk, operation, input)).toEqual([]);
});

test('create connects the catalog and returns the Lake Formation application', async () => {
  lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
    .rejectsOnce(notFound())
    .resolves({ CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP });

  const response = await handle(cfnEvent(TYPE, 'Create', {
    ...PROPS, ExternalFilteringTargets: [ENGINE], ShareRecipients: ['444455556666'], RedshiftConnect: 'true',
  }));

  expect(response).toEqual({ PhysicalResourceId: '111122223333', Data: { ApplicationArn: LF_APP } });
  expect(callsOf(lakeFormation)).toEqual([
    ['DescribeLakeFormationIdentityCenterConfiguration', { CatalogId: '111122223333' }],
    ['CreateLakeFormationIdentityCenterConfiguration', {
      CatalogId: '111122223333',
      InstanceArn: INSTANCE_ARN,
      ExternalFiltering: { Status: 'ENABLED', AuthorizedTargets: [ENGINE] },
      ShareRecipients: [{ DataLakePrincipalIdentifier: '444455556666' }],
      ServiceIntegrations: [{ Redshift: [{ RedshiftConnect: { Authorization: 'ENABLED' } }] }],
    }],
    ['DescribeLakeFormationIdentityCenterConfiguration', { CatalogId: '111122223333' }],
  ]);
});

test('create refuses to take over a configuration that already exists, unless told to adopt one of its instance', async () => {
  for (const [existing, adoptExisting, advice] of [
    [INSTANCE_ARN, 'false', 'set adoptExisting: true to manage it from this stack'],
    [OTHER_INSTANCE, 'false', 'it is for another Identity Center instance, which cannot be adopted'],
    [OTHER_INSTANCE, 'true', 'it is for another Identity Center instance, which cannot be adopted'],
  ]) {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).resolves({ InstanceArn: existing, ApplicationArn: LF_APP });

    await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, AdoptExisting: adoptExisting }))).rejects.toThrow(
      `catalog 111122223333 already has a Lake Formation Identity Center configuration (instance ${existing}); ${advice}`);
  }
  expect(lakeFormation.commandCalls(CreateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
});

describe('adoption', () => {
  const found = {
    ExternalFiltering: { Status: 'ENABLED' as const, AuthorizedTargets: ['arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd'] },
    ShareRecipients: [{ DataLakePrincipalIdentifier: '777788889999' }],
  };

  test('records what it found in the physical id, converges to the props, and gives it back on delete', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
      .resolves({ InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP, ...found });
    lakeFormation.on(UpdateLakeFormationIdentityCenterConfigurationCommand).resolves({});
    const props = { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, RedshiftConnect: 'true', AdoptExisting: 'true' };

    const created = await handle(cfnEvent(TYPE, 'Create', props));
    expect(created.PhysicalResourceId).toMatch(/^adopted:111122223333:[A-Za-z0-9_-]+$/);
    expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)[0].args[0].input).toEqual({
      CatalogId: '111122223333',
      // What the props do not have is turned off; what they have is set.
      ExternalFiltering: { Status: 'DISABLED', AuthorizedTargets: found.ExternalFiltering.AuthorizedTargets },
      ShareRecipients: [],
      ServiceIntegrations: [{ Redshift: [{ RedshiftConnect: { Authorization: 'ENABLED' } }] }],
    });
    expect(lakeFormation.commandCalls(CreateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);

    lakeFormation.resetHistory();
    await handle(cfnEvent(TYPE, 'Delete', props, { physicalResourceId: created.PhysicalResourceId }));
    expect(lakeFormation.commandCalls(DeleteLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
    expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)[0].args[0].input).toEqual({
      CatalogId: '111122223333',
      ExternalFiltering: found.ExternalFiltering,
      ShareRecipients: found.ShareRecipients,
      // It had no Redshift connect; this stack turned it on, so it is turned off again.
      ServiceIntegrations: [{ Redshift: [{ RedshiftConnect: { Authorization: 'DISABLED' } }] }],
    });
  });

  test('an adopted configuration does not move to another catalog or instance, and the rollback finds nothing to do', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).resolves({ InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP });
    const props = { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, AdoptExisting: 'true' };
    const moved = { ...props, InstanceArn: OTHER_INSTANCE };
    await expect(handle(cfnEvent(TYPE, 'Update', moved, { old: props, physicalResourceId: 'adopted:111122223333:qwAA' })))
      .rejects.toThrow('the Lake Formation configuration of catalog 111122223333 was adopted, so it cannot move');

    // CloudFormation rolls the failed update back with the properties swapped.
    const rolledBack = await handle(cfnEvent(TYPE, 'Update', props, { old: moved, physicalResourceId: 'adopted:111122223333:qwAA' }));
    expect(rolledBack.PhysicalResourceId).toBe('adopted:111122223333:qwAA');
    expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
    expect(lakeFormation.commandCalls(DeleteLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  });

  test('a failed adopting create gives back what it found', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
      .resolvesOnce({ InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP, ...found })
      .rejects(Object.assign(new Error('boom'), { name: 'AccessDeniedException' }));
    lakeFormation.on(UpdateLakeFormationIdentityCenterConfigurationCommand).resolves({});

    await expect(handle(cfnEvent(TYPE, 'Create', { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, AdoptExisting: 'true' }))).rejects.toThrow(/boom/);
    const updates = lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand).map(c => c.args[0].input);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toEqual({ CatalogId: '111122223333', ExternalFiltering: found.ExternalFiltering, ShareRecipients: found.ShareRecipients });
  });

  test('a configuration deleted outside the stack has nothing to give back', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).rejects(notFound());
    const props = { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, AdoptExisting: 'true' };
    await handle(cfnEvent(TYPE, 'Delete', props, { physicalResourceId: 'adopted:111122223333:qwAA' }));
    expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  });

  test('refuses to record more than a physical id holds, before changing anything', async () => {
    // Organizational unit ARNs with random ids: what deflate cannot shrink.
    const random = (n: number) => randomBytes(n).toString('hex').slice(0, n);
    const recipients = Array.from({ length: 30 }, () => ({ DataLakePrincipalIdentifier: `arn:aws:organizations::111122223333:ou/o-${random(10)}/ou-${random(4)}-${random(8)}` }));
    const targets = Array.from({ length: 10 }, () => `arn:aws:sso::444455556666:application/ssoins-${random(16)}/apl-${random(16)}`);
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).resolves({
      InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP, ShareRecipients: recipients, ExternalFiltering: { Status: 'ENABLED', AuthorizedTargets: targets },
    });
    await expect(handle(cfnEvent(TYPE, 'Create', { CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, AdoptExisting: 'true' })))
      .rejects.toThrow(/the Lake Formation configuration of catalog 111122223333 is too large to record for giving it back \(\d+ characters, CloudFormation keeps at most 1024 in a physical id\)/);
    expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  });
});

test('a create whose result cannot be read back is undone, so nothing is left behind', async () => {
  lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
    .rejectsOnce(notFound())
    .resolves({ CatalogId: '111122223333', InstanceArn: INSTANCE_ARN });

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow('Lake Formation reports no Identity Center application for catalog 111122223333');

  expect(callsOf(lakeFormation).map(([op]) => op)).toEqual([
    'DescribeLakeFormationIdentityCenterConfiguration',
    'CreateLakeFormationIdentityCenterConfiguration',
    'DescribeLakeFormationIdentityCenterConfiguration',
    'DeleteLakeFormationIdentityCenterConfiguration',
  ]);
});

test('update changes settings in place and turns removed ones off', async () => {
  const old = { ...PROPS, ExternalFilteringTargets: [ENGINE], ShareRecipients: ['444455556666'], RedshiftConnect: 'true' };

  const response = await handle(cfnEvent(TYPE, 'Update', PROPS, { old, physicalResourceId: '111122223333' }));

  expect(response.PhysicalResourceId).toBe('111122223333');
  expect(callsOf(lakeFormation)[0]).toEqual(['UpdateLakeFormationIdentityCenterConfiguration', {
    CatalogId: '111122223333',
    ExternalFiltering: { Status: 'DISABLED', AuthorizedTargets: [ENGINE] },
    ShareRecipients: [],
    ServiceIntegrations: [{ Redshift: [{ RedshiftConnect: { Authorization: 'DISABLED' } }] }],
  }]);
  expect(lakeFormation.commandCalls(CreateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  expect(lakeFormation.commandCalls(DeleteLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
});

test('update to another instance deletes and recreates the configuration', async () => {
  lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
    .resolvesOnce({ InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP })
    .resolves({ InstanceArn: OTHER_INSTANCE, ApplicationArn: LF_APP });

  const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, InstanceArn: OTHER_INSTANCE }, { old: PROPS, physicalResourceId: '111122223333' }));

  expect(response.PhysicalResourceId).toBe('111122223333');
  expect(callsOf(lakeFormation).map(([op, input]) => [op, input.InstanceArn])).toEqual([
    ['DescribeLakeFormationIdentityCenterConfiguration', undefined],
    ['DeleteLakeFormationIdentityCenterConfiguration', undefined],
    ['CreateLakeFormationIdentityCenterConfiguration', OTHER_INSTANCE],
    ['DescribeLakeFormationIdentityCenterConfiguration', undefined],
  ]);
});

describe('update to another catalog', () => {
  const moved = { ...PROPS, CatalogId: '444455556666' };

  test('moves the configuration in place, keeping the physical id, so a rollback runs the same steps back', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
      .rejectsOnce(notFound())
      .resolves({ CatalogId: '444455556666', InstanceArn: INSTANCE_ARN, ApplicationArn: LF_APP });

    const response = await handle(cfnEvent(TYPE, 'Update', moved, { old: PROPS, physicalResourceId: '111122223333' }));

    expect(response).toEqual({ PhysicalResourceId: '111122223333', Data: { ApplicationArn: LF_APP } });
    expect(callsOf(lakeFormation).map(([op, input]) => [op, input.CatalogId])).toEqual([
      ['DescribeLakeFormationIdentityCenterConfiguration', '444455556666'],
      ['DeleteLakeFormationIdentityCenterConfiguration', '111122223333'],
      ['CreateLakeFormationIdentityCenterConfiguration', '444455556666'],
      ['DescribeLakeFormationIdentityCenterConfiguration', '444455556666'],
    ]);
  });

  test('refuses a catalog that has a configuration, before touching its own', async () => {
    await expect(handle(cfnEvent(TYPE, 'Update', moved, { old: PROPS, physicalResourceId: '111122223333' })))
      .rejects.toThrow('catalog 444455556666 already has a Lake Formation Identity Center configuration');

    expect(callsOf(lakeFormation).map(([op]) => op)).toEqual(['DescribeLakeFormationIdentityCenterConfiguration']);
  });
});

test('delete removes the configuration and tolerates it being gone', async () => {
  await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: '111122223333' }));
  lakeFormation.on(DeleteLakeFormationIdentityCenterConfigurationCommand).rejects(notFound());
  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: '111122223333' }))).resolves.toEqual({ PhysicalResourceId: '111122223333' });

  expect(lakeFormation.commandCalls(DeleteLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(2);
});

test('concurrent modification is retried', async () => {
  lakeFormation.on(UpdateLakeFormationIdentityCenterConfigurationCommand)
    .rejectsOnce(new ConcurrentModificationException({ message: 'busy', $metadata: {} }))
    .resolves({});

  await handle(cfnEvent(TYPE, 'Update', { ...PROPS, RedshiftConnect: 'true' }, { old: PROPS, physicalResourceId: '111122223333' }));

  expect(lakeFormation.commandCalls(UpdateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(2);
});

test('access denied names the call, the catalog and the instance', async () => {
  lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).rejects(notFound());
  lakeFormation.on(CreateLakeFormationIdentityCenterConfigurationCommand).rejects(new AccessDeniedException({ message: 'not a data lake administrator', $metadata: {} }));

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
    `CreateLakeFormationIdentityCenterConfiguration (Identity Center instance ${INSTANCE_ARN}) on catalog 111122223333 failed: AccessDeniedException: not a data lake administrator`);
});

describe('reading the catalog', () => {
  test('a Describe that fails for another reason than not found fails the create: it is not "nothing there"', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand)
      .rejects(Object.assign(new Error('not a data lake administrator'), { name: 'AccessDeniedException' }));

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      /DescribeLakeFormationIdentityCenterConfiguration \(Identity Center configuration\) on catalog 111122223333 failed: AccessDeniedException/);
    expect(lakeFormation.commandCalls(CreateLakeFormationIdentityCenterConfigurationCommand)).toHaveLength(0);
  });

  test('without RedshiftConnect, the Redshift integration is not turned on', async () => {
    lakeFormation.on(DescribeLakeFormationIdentityCenterConfigurationCommand).rejectsOnce(notFound()).resolves({ ApplicationArn: LF_APP });
    const { RedshiftConnect: _, ...props } = PROPS;

    await handle(cfnEvent(TYPE, 'Create', props));

    expect(lakeFormation.commandCalls(CreateLakeFormationIdentityCenterConfigurationCommand)[0].args[0].input.ServiceIntegrations).toBeUndefined();
  });

  test('a delete answers with the physical id CloudFormation sent', async () => {
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'catalog-before' }))).resolves.toEqual({ PhysicalResourceId: 'catalog-before' });
  });
});

import * as athenaSdk from '@aws-sdk/client-athena';
import {
  AthenaClient,
  CreateWorkGroupCommand,
  DeleteWorkGroupCommand,
  GetWorkGroupCommand,
  InvalidRequestException,
  ListTagsForResourceCommand,
  TagResourceCommand,
  TooManyRequestsException,
  UntagResourceCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { INSTANCE_ARN } from '../../util/fixtures';
import { requestSchemaProblems } from '../../util/sdk-schema';

const athena = mockClient(AthenaClient);
const TYPE = 'Custom::AthenaIdentityCenterWorkGroup';
const WG_APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-a7a7a7a7a7a7a7a7';
const ROLE = 'arn:aws:iam::111122223333:role/athena-idc';
const WG_ARN = 'arn:aws:athena:us-east-1:111122223333:workgroup/analysts';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid';
const OWN_TAGS = [
  { Key: 'cdk-trusted-identity-propagation:stack-id', Value: STACK_ID },
  { Key: 'cdk-trusted-identity-propagation:logical-id', Value: 'Resource' },
];
const PROPS = {
  WorkGroupName: 'analysts',
  WorkGroupArn: WG_ARN,
  InstanceArn: INSTANCE_ARN,
  OutputLocation: 's3://results/athena/',
  CreateUserLevelPrefix: 'true',
  EngineVersion: 'AUTO',
  ExecutionRoleArn: ROLE,
};
const ACCESS_GRANTS = { EnableS3AccessGrants: true, CreateUserLevelPrefix: true, AuthenticationType: 'DIRECTORY_IDENTITY' };

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  athena.reset();
  athena.resolves({});
  athena.on(GetWorkGroupCommand).resolves({
    WorkGroup: { Name: 'analysts', IdentityCenterApplicationArn: WG_APP, Configuration: { IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceArn: INSTANCE_ARN } } },
  });
});
afterEach(() => {
  for (const [operation, input] of callsOf(athena)) expect(requestSchemaProblems(athenaSdk, operation, input)).toEqual([]);
});

test('create makes an Identity Center enabled workgroup and returns its application', async () => {
  const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(response).toEqual({ PhysicalResourceId: 'analysts', Data: { IdentityCenterApplicationArn: WG_APP } });
  expect(callsOf(athena)).toEqual([
    ['CreateWorkGroup', {
      Name: 'analysts',
      Description: 'Identity Center enabled workgroup (cdk-trusted-identity-propagation)',
      Configuration: {
        ResultConfiguration: { OutputLocation: 's3://results/athena/' },
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: 'AUTO' },
        ExecutionRole: ROLE,
        IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceArn: INSTANCE_ARN },
        QueryResultsS3AccessGrantsConfiguration: ACCESS_GRANTS,
      },
      Tags: OWN_TAGS,
    }],
    ['GetWorkGroup', { WorkGroup: 'analysts' }],
  ]);
});

describe('a create that meets a workgroup of the same name', () => {
  beforeEach(() => {
    athena.on(CreateWorkGroupCommand).rejects(new InvalidRequestException({ message: 'WorkGroup is already created', $metadata: {} }));
  });

  test.each([
    ['no tags', []],
    ['another stack', [{ ...OWN_TAGS[0], Value: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Other/guid' }, OWN_TAGS[1]]],
    ['another resource of this stack', [OWN_TAGS[0], { ...OWN_TAGS[1], Value: 'OtherWorkGroup' }]],
  ])('refuses it when its tags name %s', async (_name, Tags) => {
    athena.on(ListTagsForResourceCommand).resolves({ Tags });

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'workgroup analysts already exists and was not created by Resource of this stack; Athena turns Identity Center on only when it creates a workgroup, '
      + 'so an existing one cannot be used or adopted: choose a new workGroupName (or leave it to the default), or delete the workgroup and deploy again');
    expect(callsOf(athena).map(([op]) => op)).toEqual(['CreateWorkGroup', 'ListTagsForResource']);
    expect(athena.commandCalls(ListTagsForResourceCommand)[0].args[0].input).toEqual({ ResourceARN: WG_ARN, NextToken: undefined });
  });

  test('takes it back when this resource made it: the rollback of a rename', async () => {
    athena.on(ListTagsForResourceCommand).resolvesOnce({ Tags: [OWN_TAGS[0]], NextToken: 'page-2' }).resolves({ Tags: [OWN_TAGS[1]] });

    const response = await handle(cfnEvent(TYPE, 'Update', PROPS, { old: { ...PROPS, WorkGroupName: 'analysts-v2' }, physicalResourceId: 'analysts-v2' }));

    expect(response).toEqual({ PhysicalResourceId: 'analysts', Data: { IdentityCenterApplicationArn: WG_APP } });
    expect(callsOf(athena).map(([op]) => op)).toEqual(['CreateWorkGroup', 'ListTagsForResource', 'ListTagsForResource', 'GetWorkGroup', 'UpdateWorkGroup', 'GetWorkGroup']);
  });

  test('refuses its own workgroup when it belongs to another instance, which Athena cannot change', async () => {
    athena.on(ListTagsForResourceCommand).resolves({ Tags: OWN_TAGS });

    await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, InstanceArn: 'arn:aws:sso:::instance/ssoins-5555666677778888' }))).rejects.toThrow(
      `workgroup analysts was created for Identity Center instance ${INSTANCE_ARN}, which Athena cannot change; choose another workGroupName`);
    expect(athena.commandCalls(UpdateWorkGroupCommand)).toHaveLength(0);
  });

  test('another invalid request is not mistaken for an existing workgroup', async () => {
    athena.on(CreateWorkGroupCommand).rejects(new InvalidRequestException({ message: 'Invalid output location', $metadata: {} }));

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/CreateWorkGroup .* failed: InvalidRequestException: Invalid output location/);
    expect(athena.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
  });
});

test('a create or rename whose workgroup cannot be read back is undone, so nothing is left behind', async () => {
  athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: 'analysts', Configuration: {} } });

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow('Athena reports no Identity Center application for workgroup analysts');
  await expect(handle(cfnEvent(TYPE, 'Update', { ...PROPS, WorkGroupName: 'analysts-v2' }, { old: PROPS, physicalResourceId: 'analysts' })))
    .rejects.toThrow('analysts-v2');

  expect(callsOf(athena).map(([op, input]) => [op, input.Name ?? input.WorkGroup])).toEqual([
    ['CreateWorkGroup', 'analysts'], ['GetWorkGroup', 'analysts'], ['DeleteWorkGroup', 'analysts'],
    ['CreateWorkGroup', 'analysts-v2'], ['GetWorkGroup', 'analysts-v2'], ['DeleteWorkGroup', 'analysts-v2'],
  ]);
});

test('update changes what Athena can change in place', async () => {
  const desired = { ...PROPS, OutputLocation: 's3://results/v2/', CreateUserLevelPrefix: 'false', EngineVersion: 'Athena engine version 3' };

  const response = await handle(cfnEvent(TYPE, 'Update', desired, { old: PROPS, physicalResourceId: 'analysts' }));

  expect(response.PhysicalResourceId).toBe('analysts');
  expect(callsOf(athena)[0]).toEqual(['UpdateWorkGroup', {
    WorkGroup: 'analysts',
    ConfigurationUpdates: {
      ResultConfigurationUpdates: { OutputLocation: 's3://results/v2/' },
      EnforceWorkGroupConfiguration: true,
      EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
      ExecutionRole: ROLE,
      QueryResultsS3AccessGrantsConfiguration: { ...ACCESS_GRANTS, CreateUserLevelPrefix: false },
    },
  }]);
});

describe('tags', () => {
  const TAGGED = { ...PROPS, Tags: [{ Key: 'team', Value: 'finance' }, { Key: 'AthenaDriverOidcAppArn', Value: WG_APP }] };

  test('a create sends the workgroup\'s tags with its own', async () => {
    await handle(cfnEvent(TYPE, 'Create', TAGGED));
    expect(athena.commandCalls(CreateWorkGroupCommand)[0].args[0].input.Tags).toEqual([...TAGGED.Tags, ...OWN_TAGS]);
  });

  test('an update removes the tags no longer wanted and sets new and changed ones, keeping its own', async () => {
    athena.on(ListTagsForResourceCommand).resolves({ Tags: [...OWN_TAGS, { Key: 'team', Value: 'finance' }, { Key: 'AthenaDriverOidcAppArn', Value: WG_APP }] });
    const desired = { ...PROPS, Tags: [{ Key: 'team', Value: 'sales' }, { Key: 'cost-center', Value: '4711' }] };
    await handle(cfnEvent(TYPE, 'Update', desired, { old: TAGGED, physicalResourceId: 'analysts' }));
    expect(callsOf(athena).filter(([operation]) => /tag/i.test(operation))).toEqual([
      ['ListTagsForResource', { ResourceARN: WG_ARN, NextToken: undefined }],
      ['UntagResource', { ResourceARN: WG_ARN, TagKeys: ['AthenaDriverOidcAppArn'] }],
      ['TagResource', { ResourceARN: WG_ARN, Tags: [{ Key: 'team', Value: 'sales' }, { Key: 'cost-center', Value: '4711' }] }],
    ]);
  });

  test('tags set outside the template stay', async () => {
    athena.on(ListTagsForResourceCommand).resolves({ Tags: [...OWN_TAGS, { Key: 'team', Value: 'finance' }, { Key: 'backup-policy', Value: 'daily' }] });
    await handle(cfnEvent(TYPE, 'Update', { ...PROPS, Tags: [{ Key: 'team', Value: 'sales' }] }, { old: TAGGED, physicalResourceId: 'analysts' }));
    expect(athena.commandCalls(UntagResourceCommand).map(c => c.args[0].input.TagKeys)).toEqual([]);
    expect(athena.commandCalls(TagResourceCommand).map(c => c.args[0].input.Tags)).toEqual([[{ Key: 'team', Value: 'sales' }]]);
  });

  test('the handler\'s own tag keys are refused in Tags', async () => {
    await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, Tags: [OWN_TAGS[0]] }))).rejects.toThrow(
      'tag cdk-trusted-identity-propagation:stack-id is the handler\'s own, which it sets to recognize its workgroup: remove it from Tags');
    expect(athena.commandCalls(CreateWorkGroupCommand)).toHaveLength(0);
  });

  test('an update that keeps the tags makes no tag call', async () => {
    await handle(cfnEvent(TYPE, 'Update', { ...TAGGED, EngineVersion: 'Athena engine version 3' }, { old: TAGGED, physicalResourceId: 'analysts' }));
    expect(callsOf(athena).map(([operation]) => operation).filter(operation => /tag/i.test(operation))).toEqual([]);
  });

  test('removing every tag untags them all, and only them', async () => {
    athena.on(ListTagsForResourceCommand).resolves({ Tags: [...OWN_TAGS, { Key: 'team', Value: 'finance' }, { Key: 'AthenaDriverOidcAppArn', Value: WG_APP }] });
    await handle(cfnEvent(TYPE, 'Update', PROPS, { old: TAGGED, physicalResourceId: 'analysts' }));
    expect(athena.commandCalls(UntagResourceCommand).map(c => c.args[0].input.TagKeys)).toEqual([['team', 'AthenaDriverOidcAppArn']]);
    expect(athena.commandCalls(TagResourceCommand)).toHaveLength(0);
  });
});

test('a new name creates a new workgroup (CloudFormation deletes the old one)', async () => {
  const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, WorkGroupName: 'analysts-v2' }, { old: PROPS, physicalResourceId: 'analysts' }));

  expect(response.PhysicalResourceId).toBe('analysts-v2');
  expect(athena.commandCalls(CreateWorkGroupCommand)[0].args[0].input.Name).toBe('analysts-v2');
  expect(athena.commandCalls(DeleteWorkGroupCommand)).toHaveLength(0);
});

test('a new instance under the same name fails with what to do', async () => {
  await expect(handle(cfnEvent(TYPE, 'Update', { ...PROPS, InstanceArn: 'arn:aws:sso:::instance/ssoins-5555666677778888' }, { old: PROPS, physicalResourceId: 'analysts' })))
    .rejects.toThrow('Athena cannot change the Identity Center instance of workgroup analysts: give the workgroup a new workGroupName');
  expect(callsOf(athena)).toEqual([]);
});

test('delete removes the workgroup with its queries, and tolerates it being gone', async () => {
  await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'analysts' }));
  athena.on(DeleteWorkGroupCommand).rejects(new InvalidRequestException({ message: 'WorkGroup analysts is not found.', $metadata: {} }));
  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'analysts' }))).resolves.toEqual({ PhysicalResourceId: 'analysts' });

  expect(callsOf(athena)[0]).toEqual(['DeleteWorkGroup', { WorkGroup: 'analysts', RecursiveDeleteOption: true }]);
});

test('delete fails on other invalid requests', async () => {
  athena.on(DeleteWorkGroupCommand).rejects(new InvalidRequestException({ message: 'Not authorized to delete the primary workgroup', $metadata: {} }));
  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'analysts' }))).rejects.toThrow(/DeleteWorkGroup .* on workgroup analysts failed: InvalidRequestException/);
  // "not found" under another error name is not a missing workgroup either.
  athena.on(DeleteWorkGroupCommand).rejects(Object.assign(new Error('Role not found'), { name: 'AccessDeniedException' }));

  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'analysts' }))).rejects.toThrow(/DeleteWorkGroup .* on workgroup analysts failed: AccessDeniedException/);
});

test('too many requests are retried', async () => {
  athena.on(CreateWorkGroupCommand).rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} })).resolves({});

  await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(athena.commandCalls(CreateWorkGroupCommand)).toHaveLength(2);
  expect(athena.commandCalls(UpdateWorkGroupCommand)).toHaveLength(0);
});

describe('what Athena answers', () => {
  test('a workgroup read back without an Identity Center application fails the create', async () => {
    athena.on(GetWorkGroupCommand).resolves({});

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow('Athena reports no Identity Center application for workgroup analysts');
  });

  test('an existing workgroup without tags is not ours', async () => {
    athena.on(CreateWorkGroupCommand).rejects(new InvalidRequestException({ message: 'WorkGroup is already created', $metadata: {} }));
    athena.on(ListTagsForResourceCommand).resolves({});

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow('workgroup analysts already exists and was not created by Resource of this stack');
  });

  test('our own workgroup that Athena reports without Identity Center is refused', async () => {
    athena.on(CreateWorkGroupCommand).rejects(new InvalidRequestException({ message: 'WorkGroup is already created', $metadata: {} }));
    athena.on(ListTagsForResourceCommand).resolves({ Tags: OWN_TAGS });
    athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: 'analysts' } });

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'workgroup analysts was created for Identity Center instance (none), which Athena cannot change; choose another workGroupName');
  });

  test('"already exists" from another error is not an existing workgroup', async () => {
    athena.on(CreateWorkGroupCommand).rejects(Object.assign(new Error('Table already exists'), { name: 'MetadataException' }));

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/CreateWorkGroup .* failed: MetadataException: Table already exists/);
    expect(athena.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
  });

  test('without CreateUserLevelPrefix, each user gets a prefix of their own', async () => {
    const { CreateUserLevelPrefix: _, ...props } = PROPS;
    await handle(cfnEvent(TYPE, 'Create', props));

    const { Configuration } = athena.commandCalls(CreateWorkGroupCommand)[0].args[0].input;
    expect(Configuration?.QueryResultsS3AccessGrantsConfiguration?.CreateUserLevelPrefix).toBe(true);
  });

  test('a delete answers with the physical id CloudFormation sent', async () => {
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'analysts-old' }))).resolves.toEqual({ PhysicalResourceId: 'analysts-old' });
  });
});

import * as athenaSdk from '@aws-sdk/client-athena';
import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import * as cloudFormationSdk from '@aws-sdk/client-cloudformation';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import * as quicksightSdk from '@aws-sdk/client-quicksight';
import { ListIdentityPropagationConfigsCommand, QuickSightClient } from '@aws-sdk/client-quicksight';
import * as ssoSdk from '@aws-sdk/client-sso-admin';
import { DescribeInstanceCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { dispatch } from '../../../src/private/handler/verification.lambda';
import { INSTANCE_ARN } from '../../util/fixtures';
import { requestSchemaProblems } from '../../util/sdk-schema';

const sso = mockClient(SSOAdminClient);
const athena = mockClient(AthenaClient);
const quicksight = mockClient(QuickSightClient);
const cloudFormation = mockClient(CloudFormationClient);
const TYPE = 'Custom::TipVerification';
const INSTANCE = { Link: 'IdentityCenterInstance', InstanceArn: INSTANCE_ARN };
const TARGET = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';

function props(links: object[], failOnMissingLink = 'true') {
  return { Links: links, FailOnMissingLink: failOnMissingLink, ChainHash: 'hash' };
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  for (const mock of [sso, athena, quicksight, cloudFormation]) mock.reset();
  sso.on(DescribeInstanceCommand).resolves({ InstanceArn: INSTANCE_ARN, Status: 'ACTIVE' });
  cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'TestStack', StackStatus: 'UPDATE_IN_PROGRESS', CreationTime: new Date(0) }] });
});
afterEach(() => {
  const sdks: Array<[Record<string, any>, { calls(): Array<{ args: any[] }> }]> = [
    [ssoSdk, sso], [athenaSdk, athena], [quicksightSdk, quicksight], [cloudFormationSdk, cloudFormation],
  ];
  for (const [sdk, mock] of sdks) for (const [operation, input] of callsOf(mock)) expect(requestSchemaProblems(sdk, operation, input)).toEqual([]);
});

describe('TipVerification handler', () => {
  test('reports every link in place, under one physical id per resource', async () => {
    await expect(handle(cfnEvent(TYPE, 'Create', props([INSTANCE])))).resolves.toEqual({
      PhysicalResourceId: 'tip-verification:Resource',
      Data: { Report: `All 1 links of the trust chain are in place: Identity Center instance ${INSTANCE_ARN}.` },
    });
    // A complete chain needs no stack status.
    expect(cloudFormation.calls()).toHaveLength(0);
  });

  test('keeps the physical id on update, and deletes nothing', async () => {
    const update = cfnEvent(TYPE, 'Update', props([INSTANCE]), { physicalResourceId: 'tip-verification:Resource', old: props([]) });
    await expect(handle(update)).resolves.toMatchObject({ PhysicalResourceId: 'tip-verification:Resource' });
    sso.reset();
    await expect(handle(cfnEvent(TYPE, 'Delete', props([INSTANCE]), { physicalResourceId: 'tip-verification:Resource' })))
      .resolves.toEqual({ PhysicalResourceId: 'tip-verification:Resource' });
    expect(sso.calls()).toHaveLength(0);
  });

  test('a link whose state cannot be read is missing, with the error and the fix', async () => {
    athena.on(GetWorkGroupCommand).rejects(Object.assign(new Error('WorkGroup analysts is not found.'), { name: 'InvalidRequestException' }));

    await expect(handle(cfnEvent(TYPE, 'Create', props([INSTANCE, { Link: 'AthenaWorkGroup', WorkGroupName: 'analysts', InstanceArn: INSTANCE_ARN }]))))
      .rejects.toThrow('TipVerification found 1 of 2 links of the trust chain missing: (1) Athena workgroup analysts: it could not be read '
        + '(GetWorkGroup (workgroup) on analysts failed: InvalidRequestException: WorkGroup analysts is not found.). '
        + 'Fix: deploy the stack again to restore it, and find out who changed it outside CloudFormation '
        + '(set failOnMissingLink: false, in Python fail_on_missing_link=False, to deploy anyway and read the report)');
  });

  test('reports without failing during a rollback', async () => {
    sso.on(DescribeInstanceCommand).resolves({ InstanceArn: INSTANCE_ARN, Status: 'DELETE_IN_PROGRESS' });
    cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'TestStack', StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', CreationTime: new Date(0) }] });

    const result = await handle(cfnEvent(TYPE, 'Update', props([INSTANCE]), { physicalResourceId: 'tip-verification:Resource', old: props([]) }));

    expect(result.Data).toEqual({
      Report: `1 of 1 links of the trust chain are missing: Identity Center instance ${INSTANCE_ARN}: it is DELETE_IN_PROGRESS, not ACTIVE. `
      + 'Fix: wait until the instance is ACTIVE, or use an active instance',
    });
    expect(callsOf(cloudFormation)).toEqual([['DescribeStacks', { StackName: 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid' }]]);
  });

  test('QuickSight propagation without targets authorizes every application; with targets, only those', async () => {
    const link = { Link: 'QuickSightPropagation', AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [TARGET] };
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [] }] });
    await expect(handle(cfnEvent(TYPE, 'Create', props([link])))).resolves.toMatchObject({ Data: { Report: expect.stringMatching(/^All 1 links/) } });

    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: ['arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0000000000000000'] }] });
    await expect(handle(cfnEvent(TYPE, 'Create', props([link], 'false'))))
      .resolves.toMatchObject({ Data: { Report: expect.stringContaining(`QuickSight identity propagation to REDSHIFT: it does not authorize ${TARGET}`) } });
  });

  test('reads every page of QuickSight\'s propagation, and knows an application-wide setting from a narrower one', async () => {
    const link = { Link: 'QuickSightPropagation', AwsAccountId: '111122223333', Service: 'ATHENA', AuthorizedTargets: [] };
    quicksight.on(ListIdentityPropagationConfigsCommand, { AwsAccountId: '111122223333', NextToken: undefined })
      .resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [] }], NextToken: 'page-2' });
    quicksight.on(ListIdentityPropagationConfigsCommand, { AwsAccountId: '111122223333', NextToken: 'page-2' })
      .resolves({ Services: [{ Service: 'ATHENA', AuthorizedTargets: [TARGET] }] });

    const { Data } = await handle(cfnEvent(TYPE, 'Create', props([link], 'false')));

    expect(Data!.Report).toContain(`QuickSight identity propagation to ATHENA: it authorizes only ${TARGET}, not every application`);
    expect(quicksight.commandCalls(ListIdentityPropagationConfigsCommand)).toHaveLength(2);
  });

  test('keeps the report within CloudFormation\'s response limit', async () => {
    const links = Array.from({ length: 60 }, (_, i) => ({ Link: 'IdentityCenterInstance', InstanceArn: `arn:aws:sso:::instance/ssoins-${String(i).padStart(16, '0')}` }));
    sso.on(DescribeInstanceCommand).resolves({ Status: 'CREATE_IN_PROGRESS' });

    const { Data } = await handle(cfnEvent(TYPE, 'Create', props(links, 'false')));

    expect(String(Data!.Report).length).toBe(3000);
    expect(String(Data!.Report)).toMatch(/^60 of 60 links of the trust chain are missing: .*…$/);
  });

  test('rejects a FailOnMissingLink that is not a boolean, naming it', async () => {
    await expect(handle(cfnEvent(TYPE, 'Create', props([INSTANCE], 'sometimes')))).rejects.toThrow('FailOnMissingLink must be true or false (got "sometimes")');
  });

  test('serves only its own family', async () => {
    const response = await dispatch(cfnEvent('Custom::IdentityCenterApplicationConfiguration', 'Create', {}));
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'Unknown custom resource type Custom::IdentityCenterApplicationConfiguration; this handler serves Custom::TipVerification' });
  });
});

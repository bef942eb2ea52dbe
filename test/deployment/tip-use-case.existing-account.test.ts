import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, REGION, STACK_NAME, Template } from './cloudformation';
import { asGivenBackByLakeFormation, Deployment, deploymentPerTest, expectAccountMatchesStack, failing, snapshot } from './lifecycle';
import { ClientApplication, DataAuthorization, IdentityCenterInstance, QueryService, TipUseCase } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';

/**
 * `TipUseCase` in an account that already has the pieces: QuickSight dashboards on an Athena
 * lakehouse, with the account's S3 Access Grants instance, the catalog's Lake Formation
 * configuration and QuickSight's propagation to Athena taken over when asked, and given back
 * as they were when the stack is deleted.
 */
function template(takeOver = true): Template {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, STACK_NAME, { env: { account: ACCOUNT, region: REGION } });
  new TipUseCase(stack, 'Dashboards', {
    instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
    clientApplication: ClientApplication.quickSight({ adoptExisting: takeOver }),
    queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results'), workGroupName: 'dashboards' })],
    authorization: DataAuthorization.lakeFormationAndS3AccessGrants({ adoptLakeFormation: takeOver, useExistingS3AccessGrantsInstance: takeOver }),
  });
  return app.synth().getStackByName(STACK_NAME).template;
}

const state = (deployment: Deployment) => asGivenBackByLakeFormation(snapshot(deployment.account));

describe('TipUseCase in an account that already has the pieces', () => {
  // The account's own pieces: its S3 Access Grants instance, the catalog's Lake Formation
  // configuration (shared with another account) and QuickSight's propagation to Athena.
  const deployment = deploymentPerTest(account => {
    account.createAccessGrantsInstance();
    const lakeFormationApplication = account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/lakeformation', 'lakeformation');
    account.lakeFormation.set(ACCOUNT, {
      instanceArn: INSTANCE_ARN,
      applicationArn: lakeFormationApplication,
      shareRecipients: ['777788889999'],
      shareArn: `arn:aws:ram:${REGION}:${ACCOUNT}:resource-share/theirs`,
    });
    account.resourceShares.set(`arn:aws:ram:${REGION}:${ACCOUNT}:resource-share/theirs`, ['777788889999']);
    account.quickSight.set(`${ACCOUNT}/ATHENA`, ['arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-f0f0f0f0f0f0f0f0']);
  });

  test('deploys, taking over exactly what it was told to, and gives it all back on stack delete', async () => {
    const before = state(deployment());

    await expect(deployment().cloudFormation.deploy(template())).resolves.toBe('CREATE_COMPLETE');
    expect(deployment().problems()).toEqual([]);
    expectAccountMatchesStack(deployment());
    expect(deployment().account.accessGrants?.association?.instanceArn).toBe(INSTANCE_ARN);

    await deployment().cloudFormation.deleteStack();
    expect(deployment().problems()).toEqual([]);
    expect(state(deployment())).toEqual(before);
  });

  test('takes over nothing unless told to: the same stack without the options is refused, and the account left as it was', async () => {
    const before = state(deployment());

    await expect(deployment().cloudFormation.deploy(template(false))).resolves.toBe('ROLLBACK_COMPLETE');
    expect(deployment().cloudFormation.failure).toMatch(/already has a Lake Formation Identity Center configuration|already propagates identities to ATHENA|already has an S3 Access Grants instance/);
    expect(deployment().problems()).toEqual([]);
    await deployment().cloudFormation.deleteStack();
    expect(state(deployment())).toEqual(before);
  });

  test('gives it all back when the create rolls back', async () => {
    const before = state(deployment());
    await expect(deployment().cloudFormation.deploy(failing(template()), { failing: ['Fails'] })).resolves.toBe('ROLLBACK_COMPLETE');
    expect(deployment().problems()).toEqual([]);
    expect(state(deployment())).toEqual(before);
  });
});

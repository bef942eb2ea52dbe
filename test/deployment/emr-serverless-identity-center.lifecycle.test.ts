import { deploymentPerTest, lifecycle, StackBase, synthesize } from './lifecycle';
import { EmrServerlessIdentityCenterApplication, EmrServerlessIdentityCenterApplicationProps } from '../../src';
import { EMR_SERVERLESS_IDENTITY_CENTER } from '../../src/private/contracts/emr-serverless-identity-center';
import { INSTANCE_ARN } from '../util/fixtures';

/** An application named `notebooks` with user background sessions on, changed by `props`. */
function application({ stack, instance }: StackBase, props: Partial<EmrServerlessIdentityCenterApplicationProps> = {}): void {
  new EmrServerlessIdentityCenterApplication(stack, 'Spark', {
    instance, releaseLabel: 'emr-7.8.0', applicationName: 'notebooks', userBackgroundSessions: true, ...props,
  });
}

const variants = {
  base: (base: StackBase) => application(base),
  renamed: (base: StackBase) => application(base, { applicationName: 'notebooks-v2' }),
  withoutBackgroundSessions: (base: StackBase) => application(base, { userBackgroundSessions: false }),
  // CloudFormation updates the application, which turns user background sessions off (see the
  // fake); the custom resource runs after it and turns them on again.
  newRelease: (base: StackBase) => application(base, { releaseLabel: 'emr-7.9.0' }),
};

lifecycle({
  resourceType: EMR_SERVERLESS_IDENTITY_CENTER,
  variants,
  renames: ['renamed'],
  toggles: ['withoutBackgroundSessions', 'newRelease'],
  foreign: {
    inTheWay: false,
    seed: account => {
      account.createEmrServerlessApplication('00fforeign0000001', 'notebooks', 'emr-7.8.0', INSTANCE_ARN, true);
      return 'an Identity Center enabled application named notebooks that another team made';
    },
  },
});

describe('an EMR Serverless application that is running', () => {
  const deployment = deploymentPerTest();
  const template = (variant: string) => synthesize({ variants }, variant);

  test('an update of user background sessions fails with the advice to stop it, and rolls back with nothing changed', async () => {
    await expect(deployment().cloudFormation.deploy(template('base'))).resolves.toBe('CREATE_COMPLETE');
    for (const app of deployment().account.emrServerlessApplications.values()) app.state = 'STARTED';
    await expect(deployment().cloudFormation.deploy(template('withoutBackgroundSessions'))).resolves.toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(deployment().cloudFormation.failure).toMatch(/is STARTED, and EMR Serverless updates an application only when it is created or stopped: stop it/);
    expect(deployment().problems()).toEqual([]);
    expect([...deployment().account.emrServerlessApplications.values()].map(a => a.identityCenter?.userBackgroundSessionsEnabled)).toEqual([true]);
  });
});

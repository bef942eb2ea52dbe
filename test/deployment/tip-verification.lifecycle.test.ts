import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, STACK_NAME, Template } from './cloudformation';
import { Account } from './fakes';
import { deploymentPerTest, failing, lifecycle, StackBase } from './lifecycle';
import { ClientApplication, DataAuthorization, IdentityCenterInstance, QueryService, TipUseCase } from '../../src';
import { TIP_VERIFICATION } from '../../src/private/contracts/tip-verification';
import { GROUP_ID, INSTANCE_ARN, OTHER_INSTANCE_ARN } from '../util/fixtures';

interface ChainOptions {
  readonly applicationName?: string;
  readonly failOnMissingLink?: boolean;
  readonly verify?: boolean;
}

/** A custom application querying Athena, authorized by Lake Formation and S3 Access Grants, verified. */
function athenaChain({ stack, instance }: { stack: Stack; instance: StackBase['instance'] }, options: ChainOptions = {}): TipUseCase {
  const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const useCase = new TipUseCase(stack, 'UseCase', {
    instance,
    clientApplication: ClientApplication.customApplication({
      issuerUrl: 'https://idp.example.com', audiences: ['web'], backend, applicationName: options.applicationName ?? 'web',
    }),
    queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results'), workGroupName: 'analysts' })],
    authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
    verify: options.verify ?? true,
    failOnMissingLink: options.failOnMissingLink,
  });
  useCase.allowGroup(GROUP_ID);
  return useCase;
}

/** QuickSight dashboards on Redshift Serverless, authorized by Redshift roles, verified. */
function quickSightChain({ stack, instance }: { stack: Stack; instance: StackBase['instance'] }, options: ChainOptions = {}): TipUseCase {
  const namespace = new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'sales' });
  return new TipUseCase(stack, 'UseCase', {
    instance,
    clientApplication: ClientApplication.quickSight(),
    queryServices: [QueryService.redshiftServerless({ namespace })],
    authorization: DataAuthorization.redshiftRoles(),
    verify: options.verify ?? true,
    failOnMissingLink: options.failOnMissingLink,
  });
}

/** What AWS documents as prerequisites outside the stack: the instances reachable in the region, QuickSight on Identity Center. */
function prerequisites(account: Account): void {
  account.instances.set(INSTANCE_ARN, 'ACTIVE');
  account.instances.set(OTHER_INSTANCE_ARN, 'ACTIVE');
  account.quickSightSubscription = { authenticationType: 'IAM_IDENTITY_CENTER', instanceArn: INSTANCE_ARN };
}

lifecycle({
  resourceType: TIP_VERIFICATION,
  variants: {
    base: base => athenaChain(base),
    renamed: base => athenaChain(base, { applicationName: 'web-v2' }),
    reportOnly: base => athenaChain(base, { failOnMissingLink: false }),
  },
  renames: ['renamed'],
  toggles: ['reportOnly'],
  environment: prerequisites,
  foreign: {
    inTheWay: false,
    seed: account => {
      account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/custom', 'someone-else');
      return 'another team\'s application on the same instance';
    },
  },
});

/** Synthesizes one stack of a verification scenario. */
function synthesize(build: (base: { stack: Stack; instance: StackBase['instance'] }) => void): Template {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, STACK_NAME, { env: { account: ACCOUNT, region: 'us-east-1' } });
  build({ stack, instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN) });
  return app.synth().getStackByName(STACK_NAME).template;
}

const READ_ACTION = /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/;

/** A link of a deployed chain, taken out of the account outside CloudFormation. */
interface Breakage {
  readonly link: string;
  readonly chain: 'athena' | 'quickSight';
  readonly remove: (account: Account) => void;
  /** What the failure says: the link and what is missing. */
  readonly message: RegExp;
}

const customApplication = (account: Account) => [...account.applications.values()].find(a => a.providerArn.endsWith('/custom'))!;

const BREAKAGES: Breakage[] = [
  {
    link: 'the Identity Center instance is not in the region',
    chain: 'athena',
    remove: account => account.instances.delete(INSTANCE_ARN),
    message: /Identity Center instance arn:aws:sso:::instance\/ssoins-1111222233334444: it does not exist .*Fix: deploy the stack in the Region of the Identity Center instance/,
  },
  {
    link: 'the application is disabled',
    chain: 'athena',
    remove: account => { customApplication(account).status = 'DISABLED'; },
    message: /Identity Center application arn:aws:sso::111122223333:application\/ssoins-1111222233334444\/apl-\w+: it is DISABLED, not ENABLED/,
  },
  {
    link: 'the JWT bearer grant',
    chain: 'athena',
    remove: account => customApplication(account).grants.clear(),
    message: /Identity Center application .*: it has no urn:ietf:params:oauth:grant-type:jwt-bearer grant/,
  },
  {
    link: 'the IAM authentication method',
    chain: 'athena',
    remove: account => customApplication(account).authenticationMethods.clear(),
    message: /Identity Center application .*: it has no IAM authentication method/,
  },
  {
    link: 'an access scope',
    chain: 'athena',
    remove: account => customApplication(account).accessScopes.delete('lakeformation:query'),
    message: /Identity Center application .*: it has no access scope lakeformation:query/,
  },
  {
    link: 'the assignment requirement',
    chain: 'athena',
    remove: account => { customApplication(account).assignmentRequired = false; },
    message: /Identity Center application .*: it does not require assignments/,
  },
  {
    link: 'the token issuer\'s claim mapping',
    chain: 'athena',
    remove: account => { [...account.trustedTokenIssuers.values()][0].oidc.ClaimAttributePath = 'sub'; },
    message: /trusted token issuer arn:aws:sso::111122223333:trustedTokenIssuer\/ssoins-1111222233334444\/tti-\w+: its claim attribute path is "sub", not "email"/,
  },
  {
    link: 'the workgroup\'s Identity Center setting',
    chain: 'athena',
    remove: account => { (account.workGroups.get('analysts')!.configuration as any).IdentityCenterConfiguration = undefined; },
    message: /Athena workgroup analysts: Identity Center is not enabled on it/,
  },
  {
    link: 'the Lake Formation configuration',
    chain: 'athena',
    remove: account => account.lakeFormation.delete(ACCOUNT),
    message: /Lake Formation Identity Center configuration of catalog 111122223333: it does not exist/,
  },
  {
    link: 'the S3 Access Grants association',
    chain: 'athena',
    remove: account => { account.accessGrants!.association = undefined; },
    message: /S3 Access Grants instance of account 111122223333: it is not associated with Identity Center/,
  },
  {
    link: 'the Redshift IdC application',
    chain: 'quickSight',
    remove: account => account.redshiftApplications.clear(),
    message: /Redshift IdC application arn:aws:redshift:us-east-1:111122223333:redshiftidcapplication:[\w-]+: it does not exist .*RedshiftIdcApplicationNotExistsFault/,
  },
  {
    link: 'QuickSight on Identity Center',
    chain: 'quickSight',
    remove: account => { account.quickSightSubscription = { authenticationType: 'IAM_AND_QUICKSIGHT' }; },
    message: /QuickSight account 111122223333: it is subscribed with IAM_AND_QUICKSIGHT, not IAM Identity Center.*Fix: subscribe QuickSight/,
  },
  {
    link: 'QuickSight identity propagation',
    chain: 'quickSight',
    remove: account => account.quickSight.clear(),
    message: /QuickSight identity propagation to REDSHIFT: QuickSight does not propagate identities to it/,
  },
];

describe('TipVerification checks the deployed chain', () => {
  const chains = { athena: athenaChain, quickSight: quickSightChain };
  const templates = new Map<string, Template>();
  const template = (chain: keyof typeof chains, options: ChainOptions = {}) => {
    const key = `${chain}${JSON.stringify(options)}`;
    if (!templates.has(key)) templates.set(key, synthesize(base => chains[chain](base, options)));
    return templates.get(key)!;
  };
  const deployment = deploymentPerTest(prerequisites);

  const verification = () => [...deployment().cloudFormation.resources.values()].find(r => r.type === TIP_VERIFICATION);

  test.each(['athena', 'quickSight'] as const)('the complete %s chain verifies: SUCCESS, every link reported, no call denied, no call writes', async chain => {
    await deployment().cloudFormation.deploy(template(chain));
    expect([deployment().cloudFormation.failure, deployment().problems()]).toEqual([undefined, []]);

    expect(deployment().problems()).toEqual([]);
    const links = chain === 'athena' ? 6 : 4;
    expect(verification()!.attributes.Report).toMatch(new RegExp(`^All ${links} links of the trust chain are in place: Identity Center instance arn:aws:sso:::instance/ssoins-1111222233334444;`));
    const reads = deployment().iam.actions.filter(a => a.family === 'verification').map(a => a.action);
    expect(reads.length).toBeGreaterThanOrEqual(links);
    expect(reads.filter(action => !READ_ACTION.test(action))).toEqual([]);
  });

  test.each(BREAKAGES.map(b => [b.link, b] as const))('without %s, the deployment fails naming it and the fix', async (_link, breakage) => {
    // The chain first, then the link taken away outside CloudFormation, then the verification.
    await expect(deployment().cloudFormation.deploy(template(breakage.chain, { verify: false }))).resolves.toBe('CREATE_COMPLETE');
    breakage.remove(deployment().account);

    await expect(deployment().cloudFormation.deploy(template(breakage.chain))).resolves.toBe('UPDATE_ROLLBACK_COMPLETE');

    expect(deployment().cloudFormation.failure).toMatch(/TipVerification found 1 of \d+ links of the trust chain missing: \(1\) /);
    expect(deployment().cloudFormation.failure).toMatch(breakage.message);
    expect(deployment().problems()).toEqual([]);
    expect(deployment().iam.actions.filter(a => a.family === 'verification' && !READ_ACTION.test(a.action))).toEqual([]);
  });

  test('with failOnMissingLink: false, the deployment goes on and the report names the missing link', async () => {
    await deployment().cloudFormation.deploy(template('athena', { verify: false }));
    deployment().account.lakeFormation.delete(ACCOUNT);

    await expect(deployment().cloudFormation.deploy(template('athena', { failOnMissingLink: false }))).resolves.toBe('UPDATE_COMPLETE');

    expect(verification()!.attributes.Report).toMatch(/^1 of 6 links of the trust chain are missing: Lake Formation Identity Center configuration of catalog 111122223333: it does not exist/);
    expect(deployment().problems()).toEqual([]);
  });

  test('a rollback only reports: a link lost since the last deploy does not fail the rollback', async () => {
    await expect(deployment().cloudFormation.deploy(template('athena'))).resolves.toBe('CREATE_COMPLETE');
    deployment().account.instances.delete(INSTANCE_ARN);

    // The update fails (the verification finds the instance gone) and CloudFormation sends the
    // old properties back to the verification, which must not fail again.
    await expect(deployment().cloudFormation.deploy(failing(template('athena', { applicationName: 'web-v2' })), { failing: ['Fails'] }))
      .resolves.toBe('UPDATE_ROLLBACK_COMPLETE');

    expect(deployment().cloudFormation.handlerEvents.filter(e => e.startsWith('rollback Update UseCaseVerification'))).toHaveLength(1);
    expect(deployment().problems()).toEqual([]);
    expect(verification()!.attributes.Report).toMatch(/^1 of 6 links of the trust chain are missing: Identity Center instance/);
  });

  test('a change anywhere in the chain runs the checks again; a deploy without changes does not', async () => {
    await deployment().cloudFormation.deploy(template('athena'));
    await deployment().cloudFormation.deploy(template('athena'));
    await deployment().cloudFormation.deploy(template('athena', { applicationName: 'web-v2' }));

    expect(deployment().cloudFormation.handlerEvents.filter(e => / UseCaseVerification/.test(e))).toEqual([
      expect.stringMatching(/^create Create UseCaseVerification/),
      expect.stringMatching(/^update Update UseCaseVerification/),
    ]);
  });
});

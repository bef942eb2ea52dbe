import * as fs from 'fs';
import * as path from 'path';
import { order, Template } from './cloudformation';
import { Deployment } from './lifecycle';
import { RESOURCE_TYPES } from '../../src/private/contracts';
import { retryPolicy } from '../../src/private/handler/sdk-call';

/** The simulator itself: the CloudFormation rules it applies, on hand-written templates. */

const ROLE = 'TrustedIdentityPropagationProviderHandlerServiceRole';
const quickSightPolicy = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::IAM::Policy',
  Properties: {
    Roles: [{ Ref: ROLE }],
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: ['quicksight:UpdateIdentityPropagationConfig', 'quicksight:DeleteIdentityPropagationConfig', 'quicksight:ListIdentityPropagationConfigs'],
        Resource: '*',
      }],
    },
    ...extra,
  },
});

/** A handler, its role, one QuickSight propagation and its policy; `dependsOnPolicy` as our constructs do. */
function stack(options: { dependsOnPolicy: boolean; service?: string; withPropagation?: boolean }): Template {
  const resources: Record<string, any> = {
    [ROLE]: { Type: 'AWS::IAM::Role', Properties: {} },
    Handler: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [ROLE, 'Arn'] } } },
  };
  if (options.withPropagation ?? true) {
    resources.Policy = quickSightPolicy();
    resources.Propagation = {
      Type: 'Custom::QuickSightIdentityPropagation',
      Properties: { ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] }, AwsAccountId: { Ref: 'AWS::AccountId' }, Service: options.service ?? 'REDSHIFT' },
      ...(options.dependsOnPolicy ? { DependsOn: ['Policy'] } : {}),
    };
  }
  return { Resources: resources };
}

let deployment: Deployment;
beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => { deployment = new Deployment(); });
afterEach(() => deployment.account.restore());

describe('ordering', () => {
  const template: Template = {
    Resources: {
      Role: { Type: 'AWS::IAM::Role' },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: 'Role' }] } },
      Function: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
      Resource: { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] } } },
    },
  };

  test('creates dependencies first, and an independent policy as late as it can', () => {
    expect(order(template, 'create')).toEqual(['Role', 'Function', 'Resource', 'Policy']);
  });

  test('deletes dependents first, and an independent policy as early as it can', () => {
    expect(order(template, 'delete')).toEqual(['Policy', 'Resource', 'Function', 'Role']);
  });

  test('a dependency on the policy holds it until its dependent is gone', () => {
    const withDependency = { Resources: { ...template.Resources, Resource: { ...template.Resources.Resource, DependsOn: 'Policy' } } };
    expect(order(withDependency, 'create')).toEqual(['Role', 'Function', 'Policy', 'Resource']);
    expect(order(withDependency, 'delete')).toEqual(['Resource', 'Policy', 'Function', 'Role']);
  });
});

describe('permissions over a deployment', () => {
  test('a custom resource that does not depend on its policy may be created before it, and is denied', async () => {
    await expect(deployment.cloudFormation.deploy(stack({ dependsOnPolicy: false }))).resolves.toBe('ROLLBACK_COMPLETE');

    expect(deployment.problems()).toEqual(['create Propagation: ListIdentityPropagationConfigs denied (quicksight:ListIdentityPropagationConfigs on *)']);
  });

  test('a custom resource that does not depend on its policy is denied its delete in the cleanup phase, and the simulator says so', async () => {
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: true }));
    // Dropping only the dependency changes no property: nothing is updated.
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: false }));
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: false, withPropagation: false }));

    expect(deployment.problems()).toEqual([
      'cleanup Propagation: DeleteIdentityPropagationConfig denied (quicksight:DeleteIdentityPropagationConfig on *)',
      expect.stringMatching(/^cleanup Propagation: delete of 111122223333\/REDSHIFT failed, so it is left in the account/),
    ]);
    expect([...deployment.account.quickSight.keys()]).toEqual(['111122223333/REDSHIFT']);
  });

  test('with the dependency, the policy outlives the delete', async () => {
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: true }));
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: true, withPropagation: false }));

    expect(deployment.problems()).toEqual([]);
    expect(deployment.account.quickSight.size).toBe(0);
  });
});

describe('events', () => {
  test('a rollback sends the old properties back, with the failed ones as the old ones', async () => {
    await deployment.cloudFormation.deploy(stack({ dependsOnPolicy: true }));
    const failing = stack({ dependsOnPolicy: true, service: 'ATHENA' });
    const withFailure = { Resources: { ...failing.Resources, Fails: { Type: 'AWS::CloudFormation::WaitConditionHandle', DependsOn: 'Propagation' } } };

    await expect(deployment.cloudFormation.deploy(withFailure, { failing: ['Fails'] })).resolves.toBe('UPDATE_ROLLBACK_COMPLETE');

    expect(deployment.cloudFormation.handlerEvents).toEqual(['create Create Propagation', 'update Update Propagation', 'rollback Update Propagation']);
    expect([...deployment.account.quickSight.keys()]).toEqual(['111122223333/REDSHIFT']);
    expect(deployment.cloudFormation.resources.get('Propagation')!.properties.Service).toBe('REDSHIFT');
  });

  test('a custom resource gets every scalar as a string, and references resolved', async () => {
    const template = stack({ dependsOnPolicy: true });
    (template.Resources.Propagation.Properties as any).Flag = true;
    await deployment.cloudFormation.deploy(template);

    expect(deployment.cloudFormation.resources.get('Propagation')!.properties).toEqual({
      ServiceToken: expect.stringMatching(/^arn:aws:lambda:us-east-1:111122223333:function:/),
      AwsAccountId: '111122223333',
      Service: 'REDSHIFT',
      Flag: 'true',
    });
  });

  test('a failed create is deleted in the rollback with the physical id it reported', async () => {
    deployment.account.quickSight.set('111122223333/REDSHIFT', undefined);

    await expect(deployment.cloudFormation.deploy(stack({ dependsOnPolicy: true }))).resolves.toBe('ROLLBACK_COMPLETE');

    expect(deployment.cloudFormation.handlerEvents).toEqual(['create Create Propagation', 'rollback Delete Propagation']);
    expect(deployment.cloudFormation.resources.size).toBe(0);
  });
});

describe('coverage', () => {
  // Each type's round trip: its construct synthesized, its properties stringified as
  // CloudFormation delivers them, and the real handler run through every deployment scenario.
  test.each(RESOURCE_TYPES.map(type => [type]))('%s has a lifecycle spec named after its contract module', type => {
    const contracts = path.join(__dirname, '..', '..', 'src', 'private', 'contracts');
    const module = fs.readdirSync(contracts).find(file => fs.readFileSync(path.join(contracts, file), 'utf8').includes(`= '${type}';`));
    expect(module).toBeDefined();
    const spec = path.join(__dirname, module!.replace(/\.ts$/, '.lifecycle.test.ts'));
    expect(fs.existsSync(spec)).toBe(true);
    expect(fs.readFileSync(spec, 'utf8')).toMatch(/^lifecycle\(\{\n {2}resourceType: [A-Z0-9_]+,$/m);
  });
});

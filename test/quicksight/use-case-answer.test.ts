import { QueryServiceKind } from '../../src';
import { IdentityCenterApplication, IdentityCenterInstance } from '../../src/identity-center';
import { QuickSightClient } from '../../src/quicksight/use-case-answer';
import { BindContext, QueryServiceBinding } from '../../src/trust-chain/binding';
import { DataAuthorizationKind } from '../../src/trust-chain/kinds';
import { INSTANCE_ARN, OTHER_ACCOUNT_APPLICATION_ARN } from '../util/fixtures';
import { synth, testStack } from '../util/synth';

function binding(kind: string, context: BindContext): QueryServiceBinding {
  const identityCenterApplication = IdentityCenterApplication.fromApplicationArn(context.scope, `${kind}App`, OTHER_ACCOUNT_APPLICATION_ARN);
  return {
    kind: kind as QueryServiceKind,
    identityCenterApplication,
    access: { accessScope: undefined as any, roleStatements: [] },
    diagramNode: { id: kind, node: kind },
  };
}

describe('QuickSightClient', () => {
  test('turns on propagation to each query service, for exactly its application', () => {
    const stack = testStack();
    const context = new BindContext(stack, IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      [QueryServiceKind.REDSHIFT, QueryServiceKind.ATHENA], DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS);
    const bound = new QuickSightClient().bind(context, [binding(QueryServiceKind.REDSHIFT, context), binding(QueryServiceKind.ATHENA, context)]);

    const template = synth(stack);
    template.resourceCountIs('Custom::QuickSightIdentityPropagation', 2);
    for (const service of ['REDSHIFT', 'ATHENA']) {
      template.hasResourceProperties('Custom::QuickSightIdentityPropagation', { Service: service, AuthorizedTargets: [OTHER_ACCOUNT_APPLICATION_ARN] });
    }
    expect(bound.application).toBeUndefined();
    expect(bound.userAccess).toBeUndefined();
  });

  test('refuses a query service it has no propagation for', () => {
    const stack = testStack();
    const context = new BindContext(stack, IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      ['EMR' as QueryServiceKind], DataAuthorizationKind.LAKE_FORMATION);
    expect(() => new QuickSightClient().bind(context, [binding('EMR', context)]))
      .toThrow('TestStack: QuickSight cannot propagate identities to EMR; it reaches Redshift, Athena');
  });
});

import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { lifecycle, StackBase } from './lifecycle';
import { RedshiftClusterIdentityProvider, RedshiftClusterIdentityProviderProps, RedshiftIdcApplication } from '../../src';
import { REDSHIFT_IDENTITY_PROVIDER } from '../../src/private/contracts/redshift-identity-provider';

/** The cluster's identity provider `corp-idc` for the application `Redshift`, changed by `props`. */
function identityProvider({ stack }: StackBase, props: Partial<RedshiftClusterIdentityProviderProps> = {}): void {
  new RedshiftClusterIdentityProvider(stack, 'IdentityProvider', {
    application: stack.node.findChild('Redshift') as RedshiftIdcApplication,
    clusterIdentifier: 'analytics',
    adminSecret: stack.node.findChild('Admin') as secretsmanager.ISecret,
    identityProviderName: 'corp-idc',
    ...props,
  });
}

lifecycle({
  resourceType: REDSHIFT_IDENTITY_PROVIDER,
  rest: ({ stack, instance }) => {
    new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Analytics', redshiftIdcApplicationName: 'analytics', identityNamespace: 'corp' });
    new RedshiftIdcApplication(stack, 'Redshift2', { instance, idcDisplayName: 'Analytics2', redshiftIdcApplicationName: 'analytics-two', identityNamespace: 'corp' });
    new secretsmanager.Secret(stack, 'Admin');
  },
  // The cluster exists before the stack; the construct connects it.
  environment: account => account.redshift.set('analytics', new Map()),
  // Signed-in users and their groups become Redshift users and `corp:<group>` roles.
  use: account => account.redshift.get('analytics')!.forEach(provider => { provider.principals = 3; }),
  variants: {
    base: base => identityProvider(base),
    renamed: base => identityProvider(base, { identityProviderName: 'corp-idc-v2' }),
    otherApplication: base => identityProvider(base, { application: base.stack.node.findChild('Redshift2') as RedshiftIdcApplication }),
    upperCaseName: base => identityProvider(base, { identityProviderName: 'Corp-IdC' }),
  },
  renames: ['renamed', 'otherApplication', 'upperCaseName'],
  toggles: [],
  foreign: {
    inTheWay: true,
    refusal: /is bound to another application/,
    seed: account => {
      account.redshift.get('analytics')!.set('corp-idc', {
        name: 'corp-idc', namespace: 'theirs', applicationArn: 'arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-0123456789abcdef', iamRole: 'arn:aws:iam::444455556666:role/theirs', principals: 7,
      });
      return 'an identity provider corp-idc bound to another application';
    },
  },
});

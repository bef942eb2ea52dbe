import { lifecycle } from './lifecycle';
import { QuickSightIdentityPropagation, QuickSightPropagationService } from '../../src';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../../src/private/contracts/quicksight-identity-propagation';

lifecycle({
  resourceType: QUICKSIGHT_IDENTITY_PROPAGATION,
  variants: {
    base: ({ stack, keeper }) => new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: [keeper] }),
    athena: ({ stack, keeper }) => new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.ATHENA, authorizedTargets: [keeper] }),
    everyApplication: ({ stack }) => new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT }),
    adopting: ({ stack, keeper }) =>
      new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: [keeper], adoptExisting: true }),
    adoptingEveryApplication: ({ stack }) =>
      new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, adoptExisting: true }),
  },
  adoption: {
    variant: 'adopting',
    changed: 'adoptingEveryApplication',
    // A QuickSight account is subscribed with one Identity Center instance, so there is no other instance's state.
    seedOurs: account => {
      account.quickSight.set('111122223333/REDSHIFT', ['arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-f0f0f0f0f0f0f0f0']);
      return 'QuickSight already propagates to one REDSHIFT application';
    },
  },
  renames: ['athena'],
  toggles: ['everyApplication'],
  foreign: {
    inTheWay: true,
    refusal: /already propagates identities to REDSHIFT/,
    seed: account => {
      account.quickSight.set('111122223333/REDSHIFT', ['arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-f0f0f0f0f0f0f0f0']);
      return 'QuickSight already propagates to REDSHIFT';
    },
  },
});

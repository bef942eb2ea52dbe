import { lifecycle } from './lifecycle';
import { LakeFormationIdentityCenterConfiguration } from '../../src';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../../src/private/contracts/lake-formation-identity-center';
import { INSTANCE_ARN } from '../util/fixtures';

lifecycle({
  resourceType: LAKE_FORMATION_IDENTITY_CENTER,
  variants: {
    base: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance }),
    otherInstance: ({ stack, otherInstance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance: otherInstance }),
    otherCatalog: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, catalogId: '444455556666' }),
    shareRecipients: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, shareRecipients: ['444455556666'] }),
    externalFiltering: ({ stack, instance, keeper }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, externalFiltering: [keeper] }),
    redshiftConnect: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, redshiftConnect: true }),
  },
  renames: ['otherInstance', 'otherCatalog'],
  toggles: ['shareRecipients', 'externalFiltering', 'redshiftConnect'],
  foreign: {
    inTheWay: true,
    refusal: /catalog 111122223333 already has a Lake Formation Identity Center configuration/,
    seed: account => {
      const applicationArn = account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/lakeformation', 'lakeformation');
      account.lakeFormation.set('111122223333', { instanceArn: INSTANCE_ARN, applicationArn, shareRecipients: [] });
      return 'the catalog already has an Identity Center configuration';
    },
  },
});

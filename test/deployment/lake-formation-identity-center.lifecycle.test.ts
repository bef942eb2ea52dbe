import { asGivenBackByLakeFormation, lifecycle } from './lifecycle';
import { LakeFormationIdentityCenterConfiguration } from '../../src';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../../src/private/contracts/lake-formation-identity-center';
import { INSTANCE_ARN, OTHER_INSTANCE_ARN } from '../util/fixtures';

lifecycle({
  resourceType: LAKE_FORMATION_IDENTITY_CENTER,
  variants: {
    base: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance }),
    otherInstance: ({ stack, otherInstance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance: otherInstance }),
    otherCatalog: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, catalogId: '444455556666' }),
    shareRecipients: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, shareRecipients: ['444455556666'] }),
    externalFiltering: ({ stack, instance, keeper }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, externalFiltering: [keeper] }),
    redshiftConnect: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, redshiftConnect: true }),
    adopting: ({ stack, instance }) => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, adoptExisting: true }),
    adoptingWithRedshiftConnect: ({ stack, instance }) =>
      new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, adoptExisting: true, redshiftConnect: true }),
  },
  renames: ['otherInstance', 'otherCatalog'],
  toggles: ['shareRecipients', 'externalFiltering', 'redshiftConnect'],
  adoption: {
    variant: 'adopting',
    changed: 'adoptingWithRedshiftConnect',
    seedOurs: account => {
      const applicationArn = account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/lakeformation', 'lakeformation');
      account.lakeFormation.set('111122223333', {
        instanceArn: INSTANCE_ARN,
        applicationArn,
        shareRecipients: ['777788889999'],
        shareArn: 'arn:aws:ram:us-east-1:111122223333:resource-share/theirs',
        externalFiltering: { Status: 'ENABLED', AuthorizedTargets: ['arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd'] },
      });
      account.resourceShares.set('arn:aws:ram:us-east-1:111122223333:resource-share/theirs', ['777788889999']);
      return 'the catalog has a configuration of this instance, shared and with external filtering';
    },
    seedOthers: account => {
      const applicationArn = account.createApplication(OTHER_INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/lakeformation', 'lakeformation');
      account.lakeFormation.set('111122223333', { instanceArn: OTHER_INSTANCE_ARN, applicationArn, shareRecipients: [] });
      return 'the catalog has a configuration of another instance';
    },
    refusal: /it is for another Identity Center instance, which cannot be adopted/,
    asGivenBack: asGivenBackByLakeFormation,
  },
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

import { lifecycle } from './lifecycle';
import { S3AccessGrantsIdentityCenter } from '../../src';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../../src/private/contracts/s3-access-grants-identity-center';
import { INSTANCE_ARN, OTHER_INSTANCE_ARN } from '../util/fixtures';

lifecycle({
  resourceType: S3_ACCESS_GRANTS_IDENTITY_CENTER,
  // The account has an S3 Access Grants instance that no Identity Center instance is associated with.
  environment: account => account.createAccessGrantsInstance(),
  variants: {
    base: ({ stack, instance }) => new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance, useExistingInstance: true }),
    otherInstance: ({ stack, otherInstance }) =>
      new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance: otherInstance, useExistingInstance: true }),
  },
  renames: ['otherInstance'],
  toggles: [],
  adoption: {
    // An association with the stack's instance is used as it is, and left as it was.
    variant: 'base',
    changed: 'base',
    seedOurs: account => {
      account.createAccessGrantsInstance(INSTANCE_ARN);
      return 'the instance is associated with the stack\'s Identity Center instance already';
    },
    seedOthers: account => {
      account.createAccessGrantsInstance(OTHER_INSTANCE_ARN);
      return 'the instance is associated with another Identity Center instance';
    },
    refusal: /is associated with another Identity Center instance, arn:aws:sso:::instance\/ssoins-5555666677778888/,
  },
  foreign: {
    inTheWay: true,
    refusal: /is associated with another Identity Center instance/,
    seed: account => {
      account.createAccessGrantsInstance(OTHER_INSTANCE_ARN);
      return 'the instance is associated with another Identity Center instance';
    },
  },
});

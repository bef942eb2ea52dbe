import { Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { lifecycle, StackBase } from './lifecycle';
import {
  AthenaIdentityCenterWorkGroup,
  AthenaIdentityCenterWorkGroupProps,
  LakeFormationIdentityCenterConfiguration,
  S3AccessGrantsIdentityCenter,
} from '../../src';
import { ATHENA_WORKGROUP } from '../../src/private/contracts/athena-workgroup';
import { INSTANCE_ARN } from '../util/fixtures';

/** A workgroup named `analysts`, tagged team=finance, changed by `props`, on the stack's Lake Formation and S3 Access Grants. */
function workGroup({ stack, instance }: StackBase, props: Partial<AthenaIdentityCenterWorkGroupProps> = {}): AthenaIdentityCenterWorkGroup {
  return new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
    tags: { team: 'finance' },
    instance,
    workGroupName: 'analysts',
    resultsBucket: stack.node.findChild('Results') as s3.IBucket,
    resultsPrefix: 'athena/',
    lakeFormation: stack.node.findChild('LakeFormation') as LakeFormationIdentityCenterConfiguration,
    s3AccessGrants: stack.node.findChild('AccessGrants') as S3AccessGrantsIdentityCenter,
    ...props,
  });
}

lifecycle({
  resourceType: ATHENA_WORKGROUP,
  // Athena with Identity Center needs both; they stay when the workgroup goes.
  rest: ({ stack, instance }) => {
    const bucket = new s3.Bucket(stack, 'Results');
    new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
    new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance }).addLocation('Results', { bucket });
  },
  variants: {
    base: base => workGroup(base),
    renamed: base => workGroup(base, { workGroupName: 'analysts-v2' }),
    otherInstance: base => workGroup(base, { instance: base.otherInstance, workGroupName: 'analysts-other' }),
    createUserLevelPrefix: base => workGroup(base, { createUserLevelPrefix: false }),
    engineVersion: base => workGroup(base, { engineVersion: 'Athena engine version 3' }),
    resultsPrefix: base => workGroup(base, { resultsPrefix: 'athena-v2/' }),
    // A tag changed, one added by Tags.of(): TagResource; and back: UntagResource and TagResource.
    tagsChanged: base => Tags.of(workGroup(base, { tags: { team: 'sales' } })).add('cost-center', '4711'),
    untagged: base => workGroup(base, { tags: {} }),
  },
  renames: ['renamed', 'otherInstance'],
  toggles: ['createUserLevelPrefix', 'engineVersion', 'resultsPrefix', 'tagsChanged', 'untagged'],
  foreign: {
    inTheWay: true,
    refusal: /workgroup analysts already exists and was not created by WorkGroup/,
    seed: account => {
      const applicationArn = account.createApplication(INSTANCE_ARN, 'arn:aws:sso::aws:applicationProvider/athena', 'athena');
      account.workGroups.set('analysts', {
        configuration: { IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceArn: INSTANCE_ARN } },
        tags: { team: 'finance' },
        applicationArn,
      });
      return 'a workgroup named analysts that another team made';
    },
  },
});

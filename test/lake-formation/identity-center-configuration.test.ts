import { Match } from 'aws-cdk-lib/assertions';
import {
  IdentityCenterApplication,
  LakeFormationIdentityCenterConfiguration,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

const ENGINE_ARN = 'arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';

const setup = stackWithInstance;

describe('LakeFormationIdentityCenterConfiguration', () => {
  test('configures this account\'s catalog and exposes the Lake Formation application', () => {
    const { stack, instance } = setup();
    const lf = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });

    const template = synth(stack);
    template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', {
      CatalogId: '111122223333',
      InstanceArn: INSTANCE_ARN,
      ExternalFilteringTargets: Match.absent(),
      ShareRecipients: Match.absent(),
      RedshiftConnect: false,
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: [
              'lakeformation:CreateLakeFormationIdentityCenterConfiguration',
              'lakeformation:UpdateLakeFormationIdentityCenterConfiguration',
              'lakeformation:DescribeLakeFormationIdentityCenterConfiguration',
              'lakeformation:DeleteLakeFormationIdentityCenterConfiguration',
            ],
            Effect: 'Allow',
            Resource: '*',
          },
          { Action: ['ram:CreateResourceShare', 'ram:GetResourceShares'], Effect: 'Allow', Resource: '*' },
          {
            Action: ['ram:AssociateResourceShare', 'ram:DisassociateResourceShare', 'ram:UpdateResourceShare', 'ram:DeleteResourceShare'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ram:us-east-1:111122223333:resource-share/*']] },
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: Match.arrayWith(['sso:CreateApplication', 'sso:PutApplicationAccessScope']),
            Resource: [
              INSTANCE_ARN,
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::111122223333:application/ssoins-1111222233334444/*']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::aws:applicationProvider/*']] },
            ],
          }),
        ],
      },
    });
    expect(stack.resolve(lf.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LakeFormation/), 'ApplicationArn'] });
  });

  test('imports a configuration another stack made', () => {
    const { stack } = setup();
    const imported = LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'Platform', {
      identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444',
    });
    expect(imported.identityCenterApplication.applicationArn).toBe('arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444');
    expect(imported.catalogId).toBe('111122223333');
    expect(() => LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'Bad', {
      identityCenterApplicationArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
    })).toThrow('TestStack/Bad: identityCenterApplicationArn must be an Identity Center application ARN');
  });

  test('enables external filtering, sharing and Redshift connect', () => {
    const { stack, instance } = setup();
    const engine = IdentityCenterApplication.fromApplicationArn(stack, 'Engine', ENGINE_ARN);
    new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', {
      instance, catalogId: '999988887777', externalFiltering: [engine], shareRecipients: ['444455556666'], redshiftConnect: true,
    });

    const template = synth(stack);
    template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', {
      CatalogId: '999988887777', ExternalFilteringTargets: [ENGINE_ARN], ShareRecipients: ['444455556666'], RedshiftConnect: true,
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ram:CreateResourceShare']) })]) },
    });
  });

  test('adopts an existing configuration only when asked to', () => {
    const { stack, instance } = setup();
    new LakeFormationIdentityCenterConfiguration(stack, 'Adopting', { instance, adoptExisting: true });
    new LakeFormationIdentityCenterConfiguration(stack, 'Default', { instance, catalogId: '999988887777' });

    const template = synth(stack);
    template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', { CatalogId: '111122223333', AdoptExisting: true });
    template.hasResourceProperties('Custom::LakeFormationIdentityCenterConfiguration', { CatalogId: '999988887777', AdoptExisting: false });
  });

  describe('rejects', () => {
    test('a second configuration for the same catalog', () => {
      const { stack, instance } = setup();
      new LakeFormationIdentityCenterConfiguration(stack, 'First', { instance });
      expect(() => new LakeFormationIdentityCenterConfiguration(stack, 'Second', { instance })).toThrow(
        'TestStack/Second: catalog 111122223333 already has a LakeFormationIdentityCenterConfiguration in this stack (TestStack/First): Lake Formation allows one per catalog');
      expect(() => new LakeFormationIdentityCenterConfiguration(stack, 'Third', { instance, catalogId: '111122223333' })).toThrow(/already has a LakeFormationIdentityCenterConfiguration/);
    });

    test('allows one per catalog: another catalog is fine', () => {
      const { stack, instance } = setup();
      new LakeFormationIdentityCenterConfiguration(stack, 'First', { instance });
      new LakeFormationIdentityCenterConfiguration(stack, 'Other', { instance, catalogId: '999988887777' });
      synth(stack).resourceCountIs('Custom::LakeFormationIdentityCenterConfiguration', 2);
    });

    test.each([
      ['no external filtering targets', { externalFiltering: [] }, 'externalFiltering must have 1 to 10 entries, but has 0'],
      ['31 share recipients', { shareRecipients: Array.from({ length: 31 }, (_, i) => `${100000000000 + i}`) }, 'shareRecipients must have 1 to 30 entries, but has 31'],
    ])('%s', (_name, props, message) => {
      const { stack, instance } = setup();
      expect(() => new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, ...props })).toThrow(message);
    });
  });
});

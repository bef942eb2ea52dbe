import {
  RedshiftQueryEditorApplication,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

const setup = stackWithInstance;

describe('RedshiftQueryEditorApplication', () => {
  test('creates the Query Editor v2 application and exposes its managed application', () => {
    const { stack, instance } = setup();
    const qev2 = new RedshiftQueryEditorApplication(stack, 'QueryEditor', { instance, idcDisplayName: 'QueryEditorV2', queryEditorApplicationName: 'qev2' });

    synth(stack).hasResourceProperties('AWS::Redshift::QEV2IdcApplication', {
      IdcInstanceArn: INSTANCE_ARN, Qev2IdcApplicationName: 'qev2', IdcDisplayName: 'QueryEditorV2',
    });
    expect(stack.resolve(qev2.identityCenterApplication.applicationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^QueryEditor/), 'IdcManagedApplicationArn'] });
  });

  test('rejects an invalid name', () => {
    const { stack, instance } = setup();
    expect(() => new RedshiftQueryEditorApplication(stack, 'QueryEditor', { instance, idcDisplayName: 'Q', queryEditorApplicationName: 'Q_E' }))
      .toThrow(/queryEditorApplicationName must be lower-case letters/);
  });
});

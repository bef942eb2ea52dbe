import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import {
  QuickSightDataSourceConnection,
  QuickSightDataSource,
} from '../../src';
import { synth, testStack } from '../util/synth';


describe('QuickSightDataSource', () => {
  test.each([
    ['a provisioned cluster', QuickSightDataSourceConnection.redshiftCluster('analytics', 'dev'), 'REDSHIFT',
      { RedshiftParameters: { ClusterId: 'analytics', Database: 'dev', IdentityCenterConfiguration: { EnableIdentityPropagation: true } } }],
    ['a Serverless endpoint', QuickSightDataSourceConnection.redshiftEndpoint('wg.111122223333.us-east-1.redshift-serverless.amazonaws.com', 'dev', 5439), 'REDSHIFT',
      { RedshiftParameters: { Host: 'wg.111122223333.us-east-1.redshift-serverless.amazonaws.com', Port: 5439, Database: 'dev', IdentityCenterConfiguration: { EnableIdentityPropagation: true } } }],
    ['an Athena workgroup', QuickSightDataSourceConnection.athenaWorkGroup('analysts'), 'ATHENA',
      { AthenaParameters: { WorkGroup: 'analysts', IdentityCenterConfiguration: { EnableIdentityPropagation: true } } }],
  ])('connects to %s as the signed-in user', (_name, connection, type, parameters) => {
    const stack = testStack();
    const source = new QuickSightDataSource(stack, 'Source', { connection, dataSourceName: 'Sales', dataSourceId: 'sales' });

    synth(stack).hasResourceProperties('AWS::QuickSight::DataSource', {
      AwsAccountId: '111122223333',
      DataSourceId: 'sales',
      Name: 'Sales',
      Type: type,
      DataSourceParameters: parameters,
      Credentials: Match.absent(),
    });
    expect(source.dataSourceId).toBe('sales');
  });

  test('gives its owners the data source permissions', () => {
    const stack = testStack();
    const owner = 'arn:aws:quicksight:us-east-1:111122223333:group/default/analysts';
    new QuickSightDataSource(stack, 'Source', { connection: QuickSightDataSourceConnection.athenaWorkGroup('wg'), dataSourceName: 'Sales', owners: [owner] });

    synth(stack).hasResourceProperties('AWS::QuickSight::DataSource', {
      Permissions: [{
        Principal: owner,
        Actions: [
          'quicksight:DescribeDataSource', 'quicksight:DescribeDataSourcePermissions', 'quicksight:PassDataSource',
          'quicksight:UpdateDataSource', 'quicksight:DeleteDataSource', 'quicksight:UpdateDataSourcePermissions',
        ],
      }],
    });
  });

  test('rejects an id with spaces', () => {
    expect(() => new QuickSightDataSource(new Stack(), 'Source', {
      connection: QuickSightDataSourceConnection.athenaWorkGroup('wg'), dataSourceName: 'Sales', dataSourceId: 'sales data',
    })).toThrow('dataSourceId may contain only letters, digits, _ and - (got "sales data")');
  });
});

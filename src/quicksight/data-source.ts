import { Names, Resource, Stack } from 'aws-cdk-lib';
import * as quicksight from 'aws-cdk-lib/aws-quicksight';
import { Construct } from 'constructs';
import { validateLength, validatePattern } from '../private/validation';

/**
 * Where a QuickSight data source connects, with Identity Center identity propagation on.
 */
export class QuickSightDataSourceConnection {
  /**
   * A provisioned Amazon Redshift cluster.
   *
   * @param clusterIdentifier the cluster identifier
   * @param database the database to query
   */
  public static redshiftCluster(clusterIdentifier: string, database: string): QuickSightDataSourceConnection {
    return new QuickSightDataSourceConnection('REDSHIFT', { redshiftParameters: { clusterId: clusterIdentifier, database, identityCenterConfiguration: PROPAGATE } });
  }

  /**
   * An Amazon Redshift endpoint, such as a Redshift Serverless workgroup's
   * (`<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`).
   *
   * @param host the endpoint host name
   * @param database the database to query
   * @param port the port (Redshift's default is 5439)
   */
  public static redshiftEndpoint(host: string, database: string, port: number): QuickSightDataSourceConnection {
    return new QuickSightDataSourceConnection('REDSHIFT', { redshiftParameters: { host, port, database, identityCenterConfiguration: PROPAGATE } });
  }

  /**
   * An Amazon Athena workgroup enabled for Identity Center.
   *
   * @param workGroupName the workgroup name
   */
  public static athenaWorkGroup(workGroupName: string): QuickSightDataSourceConnection {
    return new QuickSightDataSourceConnection('ATHENA', { athenaParameters: { workGroup: workGroupName, identityCenterConfiguration: PROPAGATE } });
  }

  private constructor(
    /** The QuickSight data source type, `REDSHIFT` or `ATHENA`. */
    public readonly type: string,
    private readonly parameters: quicksight.CfnDataSource.DataSourceParametersProperty,
  ) {}

  /**
   * The `DataSourceParameters` of the data source.
   * @internal
   */
  public _parameters(): quicksight.CfnDataSource.DataSourceParametersProperty {
    return this.parameters;
  }
}

const PROPAGATE: quicksight.CfnDataSource.IdentityCenterConfigurationProperty = { enableIdentityPropagation: true };

/**
 * Properties of a `QuickSightDataSource`.
 */
export interface QuickSightDataSourceProps {
  /** Where the data source connects. */
  readonly connection: QuickSightDataSourceConnection;

  /** The name QuickSight shows for the data source, 1 to 128 characters. */
  readonly dataSourceName: string;

  /**
   * The id of the data source in the QuickSight account, 1 to 128 of `[\w-]`.
   * @default - an id generated from the construct path
   */
  readonly dataSourceId?: string;

  /**
   * QuickSight users or groups (ARNs) who own the data source and can build datasets on it.
   * A data source without owners is visible to no one in QuickSight.
   * @default - none
   */
  readonly owners?: string[];
}

// What the QuickSight console gives a data source's owners.
const OWNER_ACTIONS = [
  'quicksight:DescribeDataSource',
  'quicksight:DescribeDataSourcePermissions',
  'quicksight:PassDataSource',
  'quicksight:UpdateDataSource',
  'quicksight:DeleteDataSource',
  'quicksight:UpdateDataSourcePermissions',
];

const DATA_SOURCE_ID = /^[\w-]+$/;

/**
 * A QuickSight data source for Amazon Redshift or Amazon Athena that queries as the signed-in
 * Identity Center user (`IdentityCenterConfiguration.EnableIdentityPropagation`). No
 * credentials are stored: the user's identity is the credential.
 *
 * The QuickSight account must be subscribed with IAM Identity Center, and identity propagation
 * to the service turned on with `QuickSightIdentityPropagation`.
 *
 * @resource AWS::QuickSight::DataSource
 */
export class QuickSightDataSource extends Resource {
  /** The ARN of the data source. */
  public readonly dataSourceArn: string;

  /** The id of the data source. */
  public readonly dataSourceId: string;

  constructor(scope: Construct, id: string, props: QuickSightDataSourceProps) {
    super(scope, id, { physicalName: props.dataSourceId });
    validateLength(this, 'dataSourceName', props.dataSourceName, 1, 128);
    validateLength(this, 'dataSourceId', props.dataSourceId, 1, 128);
    validatePattern(this, 'dataSourceId', props.dataSourceId, DATA_SOURCE_ID, 'may contain only letters, digits, _ and -');

    this.dataSourceId = props.dataSourceId ?? Names.uniqueResourceName(this, { maxLength: 128, allowedSpecialCharacters: '-_' });
    const resource = new quicksight.CfnDataSource(this, 'Resource', {
      awsAccountId: Stack.of(this).account,
      dataSourceId: this.dataSourceId,
      name: props.dataSourceName,
      type: props.connection.type,
      dataSourceParameters: props.connection._parameters(),
      permissions: props.owners?.map(principal => ({ principal, actions: OWNER_ACTIONS })),
    });
    this.dataSourceArn = resource.attrArn;
  }
}

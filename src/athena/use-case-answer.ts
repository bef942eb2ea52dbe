import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AthenaIdentityCenterWorkGroup } from './identity-center-workgroup';
import { AthenaQueryServiceOptions } from './use-case-options';
import { AccessScope } from '../identity-center';
import { LAKE_FORMATION } from '../lake-formation/use-case-answer';
import { catalogReadStatement } from '../private/catalog-read';
import { ReasonedStatement } from '../private/nag';
import { S3AccessGrantPermission } from '../s3-access-grants';
import { S3_ACCESS_GRANTS } from '../s3-access-grants/use-case-answer';
import { BindContext, diagramText, QueryServiceBinder, QueryServiceBinding } from '../trust-chain/binding';
import { QueryServiceKind } from '../trust-chain/kinds';

const DEFAULT_RESULTS_PREFIX = 'athena-results/';

/** Athena queries the data: `QueryService.athena()`. Lake Formation authorizes the queries, S3 Access Grants the results. */
export class AthenaQueryService implements QueryServiceBinder {
  public readonly kind = QueryServiceKind.ATHENA;

  constructor(private readonly options: AthenaQueryServiceOptions) {}

  public bind(context: BindContext): QueryServiceBinding {
    const consumer = 'an Identity Center enabled Athena workgroup';
    const lakeFormation = context.require(LAKE_FORMATION, consumer);
    const s3AccessGrants = context.require(S3_ACCESS_GRANTS, consumer);
    const resultsPrefix = this.options.resultsPrefix ?? DEFAULT_RESULTS_PREFIX;
    const workGroup = new AthenaIdentityCenterWorkGroup(context.scope, 'AthenaWorkGroup', {
      instance: context.instance,
      workGroupName: this.options.workGroupName,
      resultsBucket: this.options.resultsBucket,
      resultsPrefix,
      lakeFormation,
      s3AccessGrants,
    });
    // Each user reaches their own query results through S3 Access Grants.
    const results = s3AccessGrants.addLocation('AthenaResults', { bucket: this.options.resultsBucket, prefix: resultsPrefix });
    const application = workGroup.identityCenterApplication;
    return {
      kind: this.kind,
      identityCenterApplication: application,
      access: {
        accessScope: AccessScope.ATHENA_WORKGROUP_READ_WRITE,
        authorizedTarget: application,
        roleStatements: [{
          statement: new iam.PolicyStatement({
            actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup'],
            resources: [workGroup.workGroupArn],
          }),
        },
        // Athena reads the table definitions as the caller.
        catalogReadStatement(context.scope)],
      },
      drivers: {
        workGroup: {
          name: workGroup.workGroupName,
          arn: workGroup.workGroupArn,
          outputLocation: workGroup.outputLocation,
          tags: workGroup.tags,
          browse: browseStatements(context),
        },
      },
      diagramNode: { id: 'athena', node: `athena[("Athena workgroup ${diagramText(workGroup.workGroupName)}")]` },
      userAccess: {
        // The workgroup writes each user's results under their user id ("appends the user ID as an
        // Amazon S3 path prefix to the query result output location", QueryResultsS3AccessGrantsConfiguration
        // in the Athena API reference), so a user is granted just that prefix. S3 Access Grants has no
        // per-member variable for a group: a group is granted the results location, its members' prefixes
        // included.
        allowUser: userId => {
          application.assignUser(userId);
          results.grantToUser(userId, S3AccessGrantPermission.READWRITE, `${userId}/*`);
        },
        allowGroup: groupId => {
          application.assignGroup(groupId);
          results.grantToGroup(groupId, S3AccessGrantPermission.READWRITE);
        },
      },
    };
  }
}

/**
 * What a SQL client's database tree reads: the catalogs, databases and tables Athena lists (AWS's
 * access role for the drivers, athena/latest/ug/using-trusted-identity-propagation-setup.html), on
 * the Data Catalog only.
 */
function browseStatements(context: BindContext): ReasonedStatement[] {
  return [{
    statement: new iam.PolicyStatement({
      actions: ['athena:ListDatabases', 'athena:ListTableMetadata', 'athena:GetTableMetadata', 'athena:GetDatabase', 'athena:GetDataCatalog'],
      resources: [Stack.of(context.scope).formatArn({ service: 'athena', resource: 'datacatalog', resourceName: 'AwsDataCatalog' })],
    }),
  }, {
    statement: new iam.PolicyStatement({ actions: ['athena:ListWorkGroups', 'athena:ListDataCatalogs'], resources: ['*'] }),
    wildcardReason: 'athena:ListWorkGroups and athena:ListDataCatalogs have no resource type',
  }];
}

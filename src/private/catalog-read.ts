import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import type { ReasonedStatement } from './nag';

/**
 * What an engine that reads the Data Catalog itself (Spark on EMR, Glue) needs besides
 * `lakeformation:GetDataAccess`: the table definitions. AWS's policies grant `glue:*`
 * (ManagementGuide/emr-idc-start.html; EMR-Serverless-UserGuide/security-iam-runtime-role.html);
 * these are the reads, on this account's catalog.
 */
export function catalogReadStatement(scope: IConstruct): ReasonedStatement {
  const stack = Stack.of(scope);
  return {
    statement: new iam.PolicyStatement({
      actions: ['glue:GetCatalog', 'glue:GetCatalogs', 'glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables',
        'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
      resources: ['catalog', 'database/*', 'table/*/*'].map(resource => stack.formatArn({ service: 'glue', resource })),
    }),
    wildcardReason: 'Users query any database and table Lake Formation grants them; Lake Formation authorizes each',
  };
}

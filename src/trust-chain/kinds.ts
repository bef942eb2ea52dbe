/** The client applications users interact with (planning question 1). */
export enum ClientApplicationKind {
  /** Amazon QuickSight, AWS managed. */
  QUICKSIGHT = 'QuickSight',
  /** Amazon Redshift Query Editor v2, AWS managed. */
  REDSHIFT_QUERY_EDITOR = 'Redshift Query Editor v2',
  /** A third-party or custom-developed application that signs users in with an external IdP. */
  CUSTOM_APPLICATION = 'Custom application',
  /** Amazon EMR Studio, AWS managed. */
  EMR_STUDIO = 'EMR Studio',
  /** Third-party SQL and BI clients (DBeaver, Tableau, Power BI, …) through the Athena and Redshift drivers. */
  SQL_CLIENTS = 'SQL and BI clients',
  /** An AWS Transfer Family web app, AWS managed. */
  TRANSFER_WEB_APP = 'Transfer Family web app',
}

/** The AWS services that query the data (planning question 2). */
export enum QueryServiceKind {
  /** Amazon Redshift, provisioned or Serverless. */
  REDSHIFT = 'Redshift',
  /** Amazon Athena. */
  ATHENA = 'Athena',
  /** Apache Spark on Amazon EMR on EC2 clusters (release 6.15.0 and later). */
  EMR_ON_EC2 = 'EMR on EC2',
  /** Apache Spark interactive sessions on EMR Serverless, through its Livy endpoint (release 7.8.0 and later). */
  EMR_SERVERLESS = 'EMR Serverless',
  /** AWS Glue 5.0 interactive sessions. */
  GLUE_INTERACTIVE_SESSIONS = 'Glue interactive sessions',
  /** Amazon S3 itself, through S3 Access Grants. */
  S3 = 'S3',
}

/** The services that authorize access to the data (planning question 3). */
export enum DataAuthorizationKind {
  /** Redshift roles named after Identity Center groups. */
  REDSHIFT_ROLES = 'Redshift roles',
  /** AWS Lake Formation permissions. */
  LAKE_FORMATION = 'Lake Formation',
  /** Amazon S3 Access Grants. */
  S3_ACCESS_GRANTS = 'S3 Access Grants',
  /** Lake Formation for the data, S3 Access Grants for query results (what Athena needs). */
  LAKE_FORMATION_AND_S3_ACCESS_GRANTS = 'Lake Formation + S3 Access Grants',
}

/**
 * One combination of answers to the three planning questions that AWS supports.
 */
export interface SupportedCombination {
  /** The client application. */
  readonly clientApplication: ClientApplicationKind;
  /** The query service. */
  readonly queryService: QueryServiceKind;
  /** The authorization. */
  readonly authorization: DataAuthorizationKind;
  /** What else AWS requires, in words. */
  readonly conditions: string;
}

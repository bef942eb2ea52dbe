/** The client applications users interact with (planning question 1). */
export enum ClientApplicationKind {
  /** Amazon QuickSight, AWS managed. */
  QUICKSIGHT = 'QuickSight',
  /** Amazon Redshift Query Editor v2, AWS managed. */
  REDSHIFT_QUERY_EDITOR = 'Redshift Query Editor v2',
  /** A third-party or custom-developed application that signs users in with an external IdP. */
  CUSTOM_APPLICATION = 'Custom application',
}

/** The AWS services that query the data (planning question 2). */
export enum QueryServiceKind {
  /** Amazon Redshift, provisioned or Serverless. */
  REDSHIFT = 'Redshift',
  /** Amazon Athena. */
  ATHENA = 'Athena',
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

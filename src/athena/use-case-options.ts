import * as s3 from 'aws-cdk-lib/aws-s3';

/** Options for Athena as the query service of a `TipUseCase`. */
export interface AthenaQueryServiceOptions {
  /** The bucket for query results. */
  readonly resultsBucket: s3.IBucket;

  /**
   * The prefix for query results.
   * @default 'athena-results/'
   */
  readonly resultsPrefix?: string;

  /**
   * The workgroup name.
   * @default - generated, following the Identity Center instance
   */
  readonly workGroupName?: string;
}

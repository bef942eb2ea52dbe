import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3AccessGrantPermission } from './access-grants';

/** Options for Amazon S3, reached through S3 Access Grants, as the query service of a `TipUseCase`. */
export interface S3QueryServiceOptions {
  /** The bucket users reach. */
  readonly bucket: s3.IBucket;

  /**
   * The part of the bucket users reach, for example `shared/`.
   * @default - the whole bucket
   */
  readonly prefix?: string;

  /**
   * What `allowUser` and `allowGroup` grant on the location.
   * @default S3AccessGrantPermission.READWRITE
   */
  readonly permission?: S3AccessGrantPermission;
}

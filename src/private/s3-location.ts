import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { validatePattern } from './validation';

// A key prefix: no leading slash, no wildcard (the location itself covers everything below it).
const PREFIX = /^[^/*][^*]*$/;

/** A bucket and optional prefix: the unit S3 Access Grants, Lake Formation and Athena register. */
export interface S3Location {
  /** `arn:…:s3:::bucket` or `arn:…:s3:::bucket/prefix`. */
  readonly arn: string;
  /** `s3://bucket` or `s3://bucket/prefix`. */
  readonly uri: string;
  /** Grants object read and write on the location and listing of its keys. */
  grantReadWrite(grantee: iam.IGrantable): void;
}

export function s3Location(prop: string, bucket: s3.IBucket, prefix: string | undefined): S3Location {
  validatePattern(prop, prefix, PREFIX, 'must be a key prefix such as sales/ (no leading slash, no *)');
  const suffix = prefix ? `/${prefix}` : '';
  return {
    arn: `${bucket.bucketArn}${suffix}`,
    uri: `s3://${bucket.bucketName}${suffix}`,
    grantReadWrite: grantee => {
      // bucket.grantReadWrite scopes objects by key pattern and adds KMS when the bucket has a key.
      bucket.grantReadWrite(grantee, prefix ? `${prefix}*` : '*');
    },
  };
}

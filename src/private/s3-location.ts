import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledgeWildcards } from './nag';
import { Owner, validatePattern } from './validation';

// A key prefix: no leading slash, no wildcard (the location itself covers everything below it).
const PREFIX = /^[^/*][^*]*$/;

/** A bucket and optional prefix: the unit S3 Access Grants, Lake Formation and Athena register. */
export interface S3Location {
  /** `arn:…:s3:::bucket` or `arn:…:s3:::bucket/prefix`. */
  readonly arn: string;
  /** `s3://bucket` or `s3://bucket/prefix`. */
  readonly uri: string;
  /** Lets `role` read, write and list the objects of the location, and use the bucket's key. */
  grantReadWrite(role: iam.IRole & IConstruct): void;
}

export function s3Location(owner: Owner, prop: string, bucket: s3.IBucket, prefix: string | undefined): S3Location {
  validatePattern(owner, prop, prefix, PREFIX, 'must be a key prefix such as sales/ (no leading slash, no *)');
  const suffix = prefix ? `/${prefix}` : '';
  return {
    arn: `${bucket.bucketArn}${suffix}`,
    uri: `s3://${bucket.bucketName}${suffix}`,
    grantReadWrite: role => {
      const objects = new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [bucket.arnForObjects(prefix ? `${prefix}*` : '*')],
      });
      role.addToPrincipalPolicy(objects);
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: prefix ? { StringLike: { 's3:prefix': [`${prefix}*`] } } : undefined,
      }));
      bucket.encryptionKey?.grantEncryptDecrypt(role);
      acknowledgeWildcards(role, objects, 'The role serves every object of the registered location: object keys are not known in advance');
    },
  };
}

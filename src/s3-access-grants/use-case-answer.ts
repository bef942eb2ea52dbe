import * as iam from 'aws-cdk-lib/aws-iam';
import { IS3AccessGrantsIdentityCenter, S3AccessGrantsIdentityCenter } from './access-grants';
import { AccessScope } from '../identity-center';
import { AuthorizationBinder, AuthorizationBinding, BindContext, PartKey } from '../trust-chain/binding';

/** The S3 Access Grants instance of a use case that S3 Access Grants authorizes. */
export const S3_ACCESS_GRANTS = new PartKey<IS3AccessGrantsIdentityCenter>('an S3 Access Grants instance connected to Identity Center');

/** S3 Access Grants authorizes S3 access: `DataAuthorization.s3AccessGrants()`. */
export class S3AccessGrantsAuthorization implements AuthorizationBinder {
  constructor(
    /** An instance connected elsewhere, to use instead of making the connection here. */
    private readonly existing?: IS3AccessGrantsIdentityCenter,
    /** Whether the account's existing Access Grants instance is used instead of creating one. */
    private readonly useExistingInstance?: boolean,
  ) {}

  public bind(context: BindContext): AuthorizationBinding {
    const accessGrants = this.existing
      ?? new S3AccessGrantsIdentityCenter(context.scope, 'S3AccessGrants', { instance: context.instance, useExistingInstance: this.useExistingInstance });
    context.provide(S3_ACCESS_GRANTS, accessGrants);
    return {
      access: [{
        // S3 Access Grants accepts the scope from any application of the instance; it has no target.
        accessScope: AccessScope.S3_ACCESS_GRANTS_READ_WRITE,
        roleStatements: [{
          statement: new iam.PolicyStatement({
            actions: ['s3:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix'],
            resources: [accessGrants.accessGrantsInstanceArn],
          }),
        }],
      }],
    };
  }
}

import * as iam from 'aws-cdk-lib/aws-iam';
import { IS3AccessGrantsIdentityCenter, S3AccessGrantPermission, S3AccessGrantsIdentityCenter } from './access-grants';
import { S3QueryServiceOptions } from './use-case-options';
import { AccessScope } from '../identity-center';
import { AuthorizationBinder, AuthorizationBinding, BindContext, diagramText, PartKey, QueryServiceBinder, QueryServiceBinding } from '../trust-chain/binding';
import { QueryServiceKind } from '../trust-chain/kinds';

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

/**
 * S3 itself, each user reaching a location through S3 Access Grants (`GetDataAccess`):
 * `QueryService.s3()`. The location is registered with the use case's S3 Access Grants instance,
 * and `allowUser` and `allowGroup` grant it.
 */
export class S3QueryService implements QueryServiceBinder {
  public readonly kind = QueryServiceKind.S3;

  constructor(private readonly options: S3QueryServiceOptions) {}

  public bind(context: BindContext): QueryServiceBinding {
    const accessGrants = context.require(S3_ACCESS_GRANTS, 'S3 through S3 Access Grants');
    const location = accessGrants.addLocation('S3Location', { bucket: this.options.bucket, prefix: this.options.prefix });
    const permission = this.options.permission ?? S3AccessGrantPermission.READWRITE;
    return {
      kind: this.kind,
      // The scope and GetDataAccess come with the authorization: S3 has nothing of its own.
      diagramNode: { id: 's3', node: `s3[("S3 ${diagramText(this.options.prefix ?? '(whole bucket)')}")]` },
      userAccess: {
        allowUser: userId => location.grantToUser(userId, permission),
        allowGroup: groupId => location.grantToGroup(groupId, permission),
      },
    };
  }
}

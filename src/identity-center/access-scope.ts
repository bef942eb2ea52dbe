import { validatePattern } from '../private/validation';

// The sso-admin API model's Scope pattern: one to three parts of [A-Za-z0-9_]{1,50}, joined by ':'.
const SCOPE = /^[A-Za-z0-9_]{1,50}(:[A-Za-z0-9_]{1,50}){0,2}$/;

/**
 * An access scope an Identity Center application may request for its users' tokens.
 *
 * The set is open: AWS adds scopes as services adopt trusted identity propagation, so use
 * `AccessScope.of()` for one that has no constant here.
 */
export class AccessScope {
  /** Connect to Amazon Redshift (provisioned clusters and Serverless) as the user. */
  public static readonly REDSHIFT_CONNECT = new AccessScope('redshift:connect');
  /** Query data that AWS Lake Formation authorizes. */
  public static readonly LAKE_FORMATION_QUERY = new AccessScope('lakeformation:query');
  /** Read and write S3 data through S3 Access Grants. */
  public static readonly S3_ACCESS_GRANTS_READ_WRITE = new AccessScope('s3:access_grants:read_write');
  /** Run queries in an Identity Center enabled Amazon Athena workgroup. */
  public static readonly ATHENA_WORKGROUP_READ_WRITE = new AccessScope('athena:workgroup:read_write');
  /** Converse with an Amazon Q Business application. */
  public static readonly QBUSINESS_CONVERSATIONS_ACCESS = new AccessScope('qbusiness:conversations:access');
  /** Access content of an Amazon Q Business application. */
  public static readonly QBUSINESS_CONTENT_ACCESS = new AccessScope('qbusiness:content:access');
  /** Access AWS accounts through the AWS access portal. */
  public static readonly SSO_ACCOUNT_ACCESS = new AccessScope('sso:account:access');

  /**
   * An access scope by name, for scopes without a constant here.
   *
   * @param name the scope, one to three parts of `[A-Za-z0-9_]{1,50}` joined by `:`
   */
  public static of(name: string): AccessScope {
    return new AccessScope(name);
  }

  private constructor(
    /** The scope as the sso-admin API spells it, for example `redshift:connect`. */
    public readonly name: string,
  ) {
    validatePattern('AccessScope', 'name', name, SCOPE,
      'must be one to three parts of letters, digits or underscores (each at most 50) joined by ":"');
  }

  public toString(): string {
    return this.name;
  }
}

import { CfnResource, IResource, ITaggable, Lazy, Names, Resource, TagManager, TagType } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from './instance';
import { acknowledgeSchemaGap } from '../private/schema-gap';
import { validateHttpsUrl, validateLength, validatePattern } from '../private/validation';

/**
 * A trusted token issuer: an external OAuth 2.0 identity provider whose tokens IAM Identity
 * Center accepts and maps to its own users.
 */
export interface ITrustedTokenIssuer extends IResource {
  /**
   * The ARN of the trusted token issuer.
   * @attribute
   */
  readonly trustedTokenIssuerArn: string;
}

/**
 * Properties of a `TrustedTokenIssuer`.
 */
export interface TrustedTokenIssuerProps {
  /** The Identity Center instance that trusts the issuer. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The issuer URL of the identity provider: the `iss` claim of its tokens, where Identity
   * Center finds `/.well-known/openid-configuration`. `https://`, at most 512 characters.
   * Changing it replaces the issuer: AWS cannot update an issuer's URL.
   */
  readonly issuerUrl: string;

  /**
   * The name of the trusted token issuer, `[\w+=,.@-]{1,255}`.
   * @default - a name generated from the construct path
   */
  readonly trustedTokenIssuerName?: string;

  /**
   * The token claim that identifies the user.
   * @default 'email'
   */
  readonly claimAttributePath?: string;

  /**
   * The Identity Center user attribute the claim is matched against.
   * @default 'emails.value'
   */
  readonly identityStoreAttributePath?: string;

  /**
   * Tags for the trusted token issuer.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const RESOURCE_TYPE = 'AWS::SSO::TrustedTokenIssuer';
// Patterns and lengths from the sso-admin API model (CreateTrustedTokenIssuer).
const NAME = /^[\w+=,.@-]+$/;
const ISSUER_URL = /^https?:\/\/[-a-zA-Z0-9+&@\/%=~_|!:,.;]*[-a-zA-Z0-9+&@\/%=~_|]$/;
const CLAIM_ATTRIBUTE_PATH = /^\p{L}+(?:(\.|_)\p{L}+){0,2}$/u;
const IDENTITY_STORE_ATTRIBUTE_PATH = /^\p{L}+(?:\.\p{L}+){0,2}$/u;

/**
 * Registers an external identity provider with IAM Identity Center as a trusted token issuer,
 * so applications can exchange its tokens for Identity Center tokens (`CreateTokenWithIAM`).
 *
 * @resource AWS::SSO::TrustedTokenIssuer
 */
export class TrustedTokenIssuer extends Resource implements ITrustedTokenIssuer, ITaggable {
  /**
   * Imports a trusted token issuer by its ARN.
   */
  public static fromTrustedTokenIssuerArn(scope: Construct, id: string, trustedTokenIssuerArn: string): ITrustedTokenIssuer {
    class Import extends Resource implements ITrustedTokenIssuer {
      public readonly trustedTokenIssuerArn = trustedTokenIssuerArn;
    }
    return new Import(scope, id, { environmentFromArn: trustedTokenIssuerArn });
  }

  public readonly trustedTokenIssuerArn: string;

  /** The name of the trusted token issuer. */
  public readonly trustedTokenIssuerName: string;

  /** The issuer URL of the identity provider. */
  public readonly issuerUrl: string;

  /** The Identity Center instance that trusts the issuer. */
  public readonly instance: IIdentityCenterInstance;

  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: TrustedTokenIssuerProps) {
    super(scope, id, { physicalName: props.trustedTokenIssuerName });

    validateHttpsUrl(this, 'issuerUrl', props.issuerUrl);
    validateLength(this, 'issuerUrl', props.issuerUrl, 1, 512);
    validatePattern(this, 'issuerUrl', props.issuerUrl, ISSUER_URL,
      'may contain only letters, digits and -+&@/%=~_|!:,.; (no query string or fragment), and must not end with !:,.;');
    validateLength(this, 'trustedTokenIssuerName', props.trustedTokenIssuerName, 1, 255);
    validatePattern(this, 'trustedTokenIssuerName', props.trustedTokenIssuerName, NAME,
      'may contain only letters, digits and _+=,.@-');
    validateLength(this, 'claimAttributePath', props.claimAttributePath, 1, 255);
    validatePattern(this, 'claimAttributePath', props.claimAttributePath, CLAIM_ATTRIBUTE_PATH,
      'must be one to three words of letters joined by "." or "_" (for example email or user_name)');
    validateLength(this, 'identityStoreAttributePath', props.identityStoreAttributePath, 1, 255);
    validatePattern(this, 'identityStoreAttributePath', props.identityStoreAttributePath, IDENTITY_STORE_ATTRIBUTE_PATH,
      'must be one to three words of letters joined by "." (for example emails.value or userName)');

    this.instance = props.instance;
    this.issuerUrl = props.issuerUrl;
    this.trustedTokenIssuerName = props.trustedTokenIssuerName
      ?? Names.uniqueResourceName(this, { maxLength: 255 });
    // KEY_VALUE renders [{ Key, Value }], the shape a raw CfnResource must carry.
    this.tags = new TagManager(TagType.KEY_VALUE, RESOURCE_TYPE, props.tags, { tagPropertyName: 'tags' });

    // aws-cdk-lib has no L1 class for this type yet; the CfnResource stays private so we can
    // switch to one without changing the API.
    const resource = new CfnResource(this, 'Resource', {
      type: RESOURCE_TYPE,
      properties: {
        InstanceArn: props.instance.instanceArn,
        Name: this.trustedTokenIssuerName,
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: {
          OidcJwtConfiguration: {
            IssuerUrl: props.issuerUrl,
            ClaimAttributePath: props.claimAttributePath ?? 'email',
            IdentityStoreAttributePath: props.identityStoreAttributePath ?? 'emails.value',
            JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
          },
        },
        Tags: Lazy.any({ produce: () => this.tags.renderTags() }),
      },
    });
    acknowledgeSchemaGap(resource);

    this.trustedTokenIssuerArn = resource.getAtt('TrustedTokenIssuerArn').toString();
  }
}


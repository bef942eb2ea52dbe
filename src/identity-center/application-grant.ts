import { Token } from 'aws-cdk-lib';
import { ITrustedTokenIssuer } from './trusted-token-issuer';
import { invalid, validateAudiences, validateCount, validateHttpsUrl } from '../private/validation';

/**
 * A trusted token issuer whose tokens an application accepts, and the audiences it accepts
 * them for.
 */
export interface JwtBearerIssuer {
  /** The trusted token issuer that represents the external identity provider. */
  readonly issuer: ITrustedTokenIssuer;

  /**
   * The `aud` claim values the application accepts in tokens from this issuer, typically the
   * client id of the application at the identity provider. 1 to 10, each at most 512 characters.
   */
  readonly audiences: string[];
}

/**
 * The OAuth 2.0 grant types of Identity Center applications.
 */
export enum ApplicationGrantType {
  /** `authorization_code` */
  AUTHORIZATION_CODE = 'authorization_code',
  /** `refresh_token` */
  REFRESH_TOKEN = 'refresh_token',
  /** `urn:ietf:params:oauth:grant-type:jwt-bearer` */
  JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  /** `urn:ietf:params:oauth:grant-type:token-exchange` */
  TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange',
}

/**
 * A grant that lets an Identity Center application obtain tokens for its users.
 *
 * An application holds at most one grant of each type.
 */
export class ApplicationGrant {
  /**
   * Exchange tokens issued by trusted token issuers (your external identity provider) for
   * Identity Center tokens, with `CreateTokenWithIAM`. This is the grant custom and
   * third-party applications use for trusted identity propagation.
   *
   * @param issuers the trusted token issuers and their audiences, 1 to 10
   */
  public static jwtBearer(...issuers: JwtBearerIssuer[]): ApplicationGrant {
    if (issuers.length === 0) {
      invalid('ApplicationGrant.jwtBearer', 'needs at least one trusted token issuer with its audiences');
    }
    validateCount('ApplicationGrant.jwtBearer', 'issuers', issuers, 1, 10);
    issuers.forEach((entry, i) => validateAudiences('ApplicationGrant.jwtBearer', `issuers[${i}].audiences`, entry.audiences));
    return new ApplicationGrant(ApplicationGrantType.JWT_BEARER, {
      JwtBearer: {
        AuthorizedTokenIssuers: issuers.map(entry => ({
          TrustedTokenIssuerArn: entry.issuer.trustedTokenIssuerArn,
          AuthorizedAudiences: entry.audiences,
        })),
      },
    });
  }

  /**
   * Sign users in through the Identity Center OAuth authorization code flow.
   *
   * @param redirectUris where Identity Center may send users back, 1 to 10; each `https://`,
   * or `http://` for localhost
   */
  public static authorizationCode(redirectUris: string[]): ApplicationGrant {
    if (!Token.isUnresolved(redirectUris)) {
      validateCount('ApplicationGrant.authorizationCode', 'redirectUris', redirectUris, 1, 10);
      redirectUris.forEach((uri, i) =>
        validateHttpsUrl('ApplicationGrant.authorizationCode', `redirectUris[${i}]`, uri, { allowLocalhostHttp: true }));
    }
    return new ApplicationGrant(ApplicationGrantType.AUTHORIZATION_CODE, { AuthorizationCode: { RedirectUris: redirectUris } });
  }

  /** Refresh Identity Center tokens without signing the user in again. */
  public static refreshToken(): ApplicationGrant {
    return new ApplicationGrant(ApplicationGrantType.REFRESH_TOKEN, { RefreshToken: {} });
  }

  /** Exchange an Identity Center token for one scoped to this application. */
  public static tokenExchange(): ApplicationGrant {
    return new ApplicationGrant(ApplicationGrantType.TOKEN_EXCHANGE, { TokenExchange: {} });
  }

  private constructor(
    /** The grant type this grant configures. */
    public readonly grantType: ApplicationGrantType,
    private readonly grant: { [key: string]: any },
  ) {}

  /**
   * The `PutApplicationGrant` request members this grant stands for.
   * @internal
   */
  public _render(): { GrantType: string; Grant: Record<string, unknown> } {
    return { GrantType: this.grantType, Grant: this.grant };
  }
}

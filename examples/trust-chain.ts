/**
 * Draws the trust chain of a synthesized template as a Mermaid flowchart: identity provider →
 * trusted token issuer → Identity Center application → the applications its scopes are
 * authorized for, plus the IAM principals allowed to exchange tokens.
 */
export function trustChainMermaid(template: { Resources?: Record<string, any> }): string {
  const resources = template.Resources ?? {};
  const lines = ['flowchart LR'];
  const label = (value: unknown): string => typeof value === 'string' ? value : describeToken(value);

  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::SSO::TrustedTokenIssuer') {
      const oidc = resource.Properties.TrustedTokenIssuerConfiguration.OidcJwtConfiguration;
      lines.push(`  idp_${id}[/"IdP ${oidc.IssuerUrl}"/] -->|"${oidc.ClaimAttributePath} = ${oidc.IdentityStoreAttributePath}"| ${id}["Trusted token issuer ${label(resource.Properties.Name)}"]`);
    }
    if (resource.Type === 'AWS::SSO::Application') {
      lines.push(`  ${id}(["Identity Center application ${label(resource.Properties.Name)}"])`);
    }
  }
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'Custom::IdentityCenterApplicationConfiguration') continue;
    const app = logicalId(resource.Properties.ApplicationArn);
    for (const grant of resource.Properties.Grants ?? []) {
      for (const issuer of grant.Grant.JwtBearer?.AuthorizedTokenIssuers ?? []) {
        lines.push(`  ${logicalId(issuer.TrustedTokenIssuerArn)} -->|"jwt-bearer, aud ${issuer.AuthorizedAudiences.join(', ')}"| ${app}`);
      }
    }
    for (const method of resource.Properties.AuthenticationMethods ?? []) {
      for (const statement of method.AuthenticationMethod.Iam.ActorPolicy.Statement) {
        for (const principal of [statement.Principal.AWS].flat()) {
          const node = `principal_${logicalId(principal) ?? lines.length}`;
          lines.push(`  ${node}{{"IAM ${label(principal)}"}} -->|CreateTokenWithIAM| ${app}`);
        }
      }
    }
    for (const scope of resource.Properties.AccessScopes ?? []) {
      const targets: unknown[] = scope.AuthorizedTargets ?? ['any application of the instance'];
      targets.forEach((target, i) => {
        lines.push(`  ${app} -->|"${scope.Scope}"| scope_${app}_${scope.Scope.replace(/\W/g, '_')}_${i}[["${label(target)}"]]`);
      });
    }
  }
  return `${lines.join('\n')}\n`;
}

function logicalId(value: any): string | undefined {
  return value?.['Fn::GetAtt']?.[0] ?? value?.Ref;
}

function describeToken(value: any): string {
  const id = logicalId(value);
  return id ? `${id}` : JSON.stringify(value).replace(/"/g, "'");
}

/**
 * Draws the trust chain of a synthesized template as a Mermaid flowchart: identity provider →
 * trusted token issuer → Identity Center applications → the service applications their
 * scopes and propagation settings authorize → where those services are attached.
 */
export function trustChainMermaid(template: { Resources?: Record<string, any> }): string {
  const resources = template.Resources ?? {};
  const lines = ['flowchart LR'];
  const edge = (from: string, label: string, to: string) => lines.push(`  ${from} -->|"${label}"| ${to}`);

  for (const [id, resource] of Object.entries(resources)) {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::SSO::TrustedTokenIssuer': {
        const oidc = p.TrustedTokenIssuerConfiguration.OidcJwtConfiguration;
        lines.push(`  idp_${id}[/"IdP ${oidc.IssuerUrl}"/]`, `  ${id}["Trusted token issuer ${text(p.Name)}"]`);
        edge(`idp_${id}`, `${oidc.ClaimAttributePath} = ${oidc.IdentityStoreAttributePath}`, id);
        break;
      }
      case 'AWS::SSO::Application':
        lines.push(`  ${id}(["Identity Center application ${text(p.Name)}"])`);
        break;
      case 'AWS::Redshift::RedshiftIdcApplication':
        lines.push(`  ${id}(["Redshift IdC application ${text(p.RedshiftIdcApplicationName)}, namespace ${text(p.IdentityNamespace)}"])`);
        for (const issuer of p.AuthorizedTokenIssuerList ?? []) edge(ref(issuer.TrustedTokenIssuerArn), `aud ${issuer.AuthorizedAudiencesList.join(', ')}`, id);
        break;
      case 'AWS::Redshift::QEV2IdcApplication':
        lines.push(`  ${id}(["Redshift Query Editor v2 ${text(p.Qev2IdcApplicationName)}"])`);
        break;
      case 'AWS::RedshiftServerless::Namespace':
        if (p.RedshiftIdcApplicationArn) edge(ref(p.RedshiftIdcApplicationArn), 'attached', `${id}[("Redshift Serverless ${text(p.NamespaceName)}")]`);
        break;
      case 'Custom::RedshiftIdentityProvider':
        edge(ref(p.ApplicationArn), `identity provider ${p.IdentityProviderName}`, `${id}[("Redshift cluster ${text(p.ClusterIdentifier)}")]`);
        break;
      case 'Custom::LakeFormationIdentityCenterConfiguration':
        lines.push(`  ${id}(["Lake Formation, catalog ${text(p.CatalogId)}"])`);
        for (const target of p.ExternalFilteringTargets ?? []) edge(ref(target), 'external filtering', id);
        break;
      case 'AWS::LakeFormation::Resource':
        lines.push(`  ${id}[("S3 ${text(p.ResourceArn)}")]`);
        break;
      case 'AWS::S3::AccessGrantsInstance':
        lines.push(`  ${id}(["S3 Access Grants"])`);
        break;
      case 'AWS::S3::AccessGrant':
        edge(`${id}{{"${p.Grantee.GranteeType} ${text(p.Grantee.GranteeIdentifier)}"}}`, `${p.Permission} via S3 Access Grants`, ref(p.AccessGrantsLocationId));
        break;
      case 'AWS::S3::AccessGrantsLocation':
        lines.push(`  ${id}[("S3 ${text(p.LocationScope)}")]`);
        break;
      case 'Custom::AthenaIdentityCenterWorkGroup':
        lines.push(`  ${id}(["Athena workgroup ${text(p.WorkGroupName)}"])`);
        edge(id, 'results', `results_${id}[("${text(p.OutputLocation)}")]`);
        break;
      case 'Custom::QuickSightIdentityPropagation':
        lines.push(`  quicksight{{"Amazon QuickSight"}}`);
        for (const target of p.AuthorizedTargets ?? ['every application']) edge('quicksight', `propagates to ${p.Service}`, ref(target));
        break;
      case 'Custom::IdentityCenterApplicationConfiguration': {
        const app = ref(p.ApplicationArn);
        for (const grant of p.Grants ?? []) {
          for (const issuer of grant.Grant.JwtBearer?.AuthorizedTokenIssuers ?? []) {
            edge(ref(issuer.TrustedTokenIssuerArn), `jwt-bearer, aud ${issuer.AuthorizedAudiences.join(', ')}`, app);
          }
        }
        for (const method of p.AuthenticationMethods ?? []) {
          for (const statement of method.AuthenticationMethod.Iam.ActorPolicy.Statement) {
            for (const principal of [statement.Principal.AWS].flat()) {
              lines.push(`  ${ref(principal)}{{"IAM ${text(principal)}"}} -->|CreateTokenWithIAM| ${app}`);
            }
          }
        }
        for (const scope of p.AccessScopes ?? []) {
          for (const target of scope.AuthorizedTargets ?? ['any application of the instance']) edge(app, scope.Scope, ref(target));
        }
        break;
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A node id for a value: the logical id it references, or a safe id made from its text. */
function ref(value: any): string {
  const id = value?.['Fn::GetAtt']?.[0] ?? value?.Ref;
  return id ?? `n_${text(value).replace(/\W+/g, '_')}`;
}

function text(value: any): string {
  if (typeof value === 'string') return value;
  const id = value?.['Fn::GetAtt']?.[0] ?? value?.Ref;
  if (id) return id;
  // Fn::Join of literals and references, e.g. s3://<bucket>/prefix
  if (Array.isArray(value?.['Fn::Join'])) return value['Fn::Join'][1].map(text).join(value['Fn::Join'][0]);
  return JSON.stringify(value).replace(/"/g, "'");
}

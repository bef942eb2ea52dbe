/** The custom resource that creates an AWSIDC identity provider in a provisioned Redshift cluster. */
export const REDSHIFT_IDENTITY_PROVIDER = 'Custom::RedshiftIdentityProvider';

export interface RedshiftIdentityProviderProperties {
  readonly ClusterIdentifier: string;
  readonly Database: string;
  readonly SecretArn: string;
  readonly IdentityProviderName: string;
  readonly Namespace: string;
  readonly ApplicationArn: string;
  readonly IamRoleArn: string;
}

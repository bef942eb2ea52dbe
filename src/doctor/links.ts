import { Aws, Intrinsic, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { isTrue, redshiftIntegrationEnabled, sameValue, TemplateFacts } from './facts';
import { APPLICATION_CONFIGURATION } from '../private/contracts/application-configuration';
import { ATHENA_WORKGROUP } from '../private/contracts/athena-workgroup';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../private/contracts/lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../private/contracts/quicksight-identity-propagation';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../private/contracts/s3-access-grants-identity-center';
import { VerificationLink } from '../private/contracts/tip-verification';

/**
 * The links of a trust chain, read from its resources as the template describes them. Values
 * are CloudFormation JSON (a literal, or a `Ref` or `Fn::GetAtt` that CloudFormation resolves
 * when it sends the verification's properties), typed as the contract's strings.
 */
export function linksOf(facts: TemplateFacts): VerificationLink[] {
  const cfn = (value: unknown) => value as string;
  const links: VerificationLink[] = [];
  for (const r of facts.resources) {
    const p = r.properties;
    switch (r.type) {
      case APPLICATION_CONFIGURATION:
        links.push({
          Link: 'Application',
          ApplicationArn: cfn(p.ApplicationArn),
          GrantTypes: [p.Grants ?? []].flat().map((g: any) => g.GrantType),
          AuthenticationMethodTypes: [p.AuthenticationMethods ?? []].flat().map((m: any) => m.AuthenticationMethodType),
          Scopes: [p.AccessScopes ?? []].flat().map((s: any) => s.Scope),
          AssignmentRequired: isTrue(p.AssignmentRequired),
        });
        break;
      case 'AWS::SSO::TrustedTokenIssuer': {
        const oidc = p.TrustedTokenIssuerConfiguration?.OidcJwtConfiguration ?? {};
        links.push({
          Link: 'TrustedTokenIssuer',
          TrustedTokenIssuerArn: cfn({ 'Fn::GetAtt': [r.logicalId, 'TrustedTokenIssuerArn'] }),
          IssuerUrl: cfn(oidc.IssuerUrl),
          ClaimAttributePath: cfn(oidc.ClaimAttributePath),
          IdentityStoreAttributePath: cfn(oidc.IdentityStoreAttributePath),
        });
        break;
      }
      case ATHENA_WORKGROUP:
        links.push({ Link: 'AthenaWorkGroup', WorkGroupName: cfn(p.WorkGroupName), InstanceArn: cfn(p.InstanceArn) });
        break;
      case LAKE_FORMATION_IDENTITY_CENTER:
        links.push({ Link: 'LakeFormation', CatalogId: cfn(p.CatalogId), InstanceArn: cfn(p.InstanceArn), RedshiftConnect: isTrue(p.RedshiftConnect) });
        break;
      case 'AWS::Redshift::RedshiftIdcApplication': {
        links.push({
          Link: 'RedshiftApplication',
          RedshiftIdcApplicationArn: cfn({ 'Fn::GetAtt': [r.logicalId, 'RedshiftIdcApplicationArn'] }),
          InstanceArn: cfn(p.IdcInstanceArn),
          LakeFormationQuery: redshiftIntegrationEnabled(r, 'LakeFormation', 'LakeFormationQuery'),
          RedshiftConnect: redshiftIntegrationEnabled(r, 'Redshift', 'Connect'),
        });
        break;
      }
      case 'AWS::S3::AccessGrantsInstance':
        if (p.IdentityCenterArn !== undefined) links.push({ Link: 'S3AccessGrants', AccountId: cfn({ Ref: 'AWS::AccountId' }), InstanceArn: cfn(p.IdentityCenterArn) });
        break;
      case S3_ACCESS_GRANTS_IDENTITY_CENTER:
        links.push({ Link: 'S3AccessGrants', AccountId: cfn(p.AccountId), InstanceArn: cfn(p.IdentityCenterInstanceArn) });
        break;
      case QUICKSIGHT_IDENTITY_PROPAGATION:
        links.push({ Link: 'QuickSightPropagation', AwsAccountId: cfn(p.AwsAccountId), Service: cfn(p.Service), AuthorizedTargets: [p.AuthorizedTargets ?? []].flat() });
        break;
    }
  }
  const instances = unique([
    ...links.flatMap(link => 'InstanceArn' in link ? [link.InstanceArn] : []),
    ...facts.ofType('AWS::SSO::Application').map(a => cfn(a.properties.InstanceArn)),
  ]);
  // QuickSight must be subscribed with IAM Identity Center on the chain's instance
  // (quicksight/latest/user/redshift-trusted-identity-propagation-prerequisites.html).
  const quickSightAccounts = unique(links.flatMap(link => link.Link === 'QuickSightPropagation' ? [link.AwsAccountId] : []));
  return unique([
    ...instances.map(InstanceArn => ({ Link: 'IdentityCenterInstance' as const, InstanceArn })),
    ...quickSightAccounts.flatMap(AwsAccountId => instances.length === 1 ? [{ Link: 'QuickSightAccount' as const, AwsAccountId, InstanceArn: instances[0] }] : []),
    ...links,
  ]);
}

function unique<T>(values: T[]): T[] {
  return values.filter((value, index) => values.findIndex(other => sameValue(other, value)) === index);
}

/** A CloudFormation JSON value (a literal, or an expression) as a string for IAM statements. */
function token(value: unknown): string {
  return typeof value === 'string' ? value : Token.asString(new Intrinsic(value));
}

/**
 * The read actions each link's check calls, as IAM policy statements, scoped as narrowly as IAM
 * allows (Service Authorization Reference of each service: the resource type each action takes;
 * Lake Formation, DescribeRedshiftIdcApplications and ListIdentityPropagationConfigs have none,
 * so "*").
 */
export function readStatements(stack: Stack, links: VerificationLink[]): object[] {
  const arns = (kind: VerificationLink['Link'], arn: (link: any) => string) =>
    unique(links.filter(l => l.Link === kind).map(l => token(arn(l))));
  const statement = (actions: string[], resources: string[]): iam.PolicyStatement[] =>
    resources.length === 0 ? [] : [new iam.PolicyStatement({ actions, resources })];
  const present = (kind: VerificationLink['Link']) => links.some(l => l.Link === kind) ? ['*'] : [];
  const statements = [
    // The verification tells a rollback from an update by the stack's status.
    ...statement(['cloudformation:DescribeStacks'], [Aws.STACK_ID]),
    ...statement(['sso:DescribeInstance'], arns('IdentityCenterInstance', l => l.InstanceArn)),
    ...statement([
      'sso:DescribeApplication',
      'sso:GetApplicationGrant',
      'sso:ListApplicationAuthenticationMethods',
      'sso:ListApplicationAccessScopes',
      'sso:GetApplicationAssignmentConfiguration',
    ], arns('Application', l => l.ApplicationArn)),
    ...statement(['sso:DescribeTrustedTokenIssuer'], arns('TrustedTokenIssuer', l => l.TrustedTokenIssuerArn)),
    ...statement(['athena:GetWorkGroup'],
      arns('AthenaWorkGroup', l => stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: token(l.WorkGroupName) }))),
    ...statement(['lakeformation:DescribeLakeFormationIdentityCenterConfiguration'], present('LakeFormation')),
    ...statement(['redshift:DescribeRedshiftIdcApplications'], present('RedshiftApplication')),
    ...statement(['s3:GetAccessGrantsInstance'], arns('S3AccessGrants', l => stack.formatArn({
      service: 's3', account: token(l.AccountId), resource: 'access-grants', resourceName: 'default',
    }))),
    ...statement(['quicksight:DescribeAccountSubscription'], arns('QuickSightAccount', l => stack.formatArn({
      service: 'quicksight', resource: 'account', resourceName: token(l.AwsAccountId),
    }))),
    ...statement(['quicksight:ListIdentityPropagationConfigs'], present('QuickSightPropagation')),
  ];
  return stack.resolve(statements.map(s => s.toStatementJson()));
}

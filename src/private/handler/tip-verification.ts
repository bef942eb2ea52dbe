import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeLakeFormationIdentityCenterConfigurationCommand, LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { DescribeAccountSubscriptionCommand, ListIdentityPropagationConfigsCommand, QuickSightClient } from '@aws-sdk/client-quicksight';
import { DescribeRedshiftIdcApplicationsCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { GetAccessGrantsInstanceCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import {
  DescribeApplicationCommand,
  DescribeInstanceCommand,
  DescribeTrustedTokenIssuerCommand,
  GetApplicationAssignmentConfigurationCommand,
  GetApplicationGrantCommand,
  ListApplicationAccessScopesCommand,
  ListApplicationAuthenticationMethodsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { parseBoolean } from './properties';
import { isNotFound, lazyClient, SdkCallError, sdkCall } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import type { TIP_VERIFICATION, VerificationLink } from '../contracts/tip-verification';
import { TIP_VERIFICATION_ATTRIBUTES } from '../contracts/tip-verification';
import type { Wire } from '../contracts/wire';

/**
 * Checks, with read calls only, that each link of a deployed trust chain is in place: what the
 * stack made, as its template says, and what AWS documents as prerequisites outside the stack
 * (the Identity Center instance in this Region, QuickSight subscribed with Identity Center).
 * A missing link fails the deployment with what is missing and the fix, unless the stack asks
 * only for a report; the report is the resource's `Report` attribute either way.
 */

const sso = lazyClient(SSOAdminClient);
const athena = lazyClient(AthenaClient);
const lakeFormation = lazyClient(LakeFormationClient);
const redshift = lazyClient(RedshiftClient);
const s3control = lazyClient(S3ControlClient);
const quickSight = lazyClient(QuickSightClient);
const cloudFormation = lazyClient(CloudFormationClient);

/** What one link check found: its name, and what is wrong with it and how to fix that, if anything. */
interface LinkResult {
  readonly name: string;
  readonly problem?: string;
  readonly fix?: string;
}

type Link = Wire<VerificationLink>;

/** The `Report` attribute stays well within CloudFormation's 4096-byte response. */
const REPORT_LIMIT = 3000;

export async function onTipVerificationEvent(event: ResourceEvent<typeof TIP_VERIFICATION>): Promise<CustomResourceResponse> {
  const physicalResourceId = event.PhysicalResourceId ?? `tip-verification:${event.LogicalResourceId}`;
  // Nothing was made, so nothing is deleted.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalResourceId };

  const properties = event.ResourceProperties;
  const failOnMissingLink = parseBoolean('FailOnMissingLink', properties.FailOnMissingLink, true);
  const links = (properties.Links ?? []) as Link[];
  const results: LinkResult[] = [];
  for (const link of links) results.push(await check(link));

  const missing = results.filter(r => r.problem !== undefined);
  const report = reportOf(results, missing);
  if (missing.length > 0 && failOnMissingLink && !(await rollingBack(event.StackId))) {
    throw new Error(`TipVerification found ${missing.length} of ${results.length} links of the trust chain missing: `
      + missing.map((r, i) => `(${i + 1}) ${r.name}: ${r.problem}. Fix: ${r.fix}`).join(' ')
      + ' (set failOnMissingLink: false, in Python fail_on_missing_link=False, to deploy anyway and read the report)');
  }
  return { PhysicalResourceId: physicalResourceId, Data: { [TIP_VERIFICATION_ATTRIBUTES.report]: report } };
}

function reportOf(results: LinkResult[], missing: LinkResult[]): string {
  const summary = missing.length === 0
    ? `All ${results.length} links of the trust chain are in place: ${results.map(r => r.name).join('; ')}.`
    : `${missing.length} of ${results.length} links of the trust chain are missing: `
      + missing.map(r => `${r.name}: ${r.problem}. Fix: ${r.fix}`).join(' | ');
  return summary.length <= REPORT_LIMIT ? summary : `${summary.slice(0, REPORT_LIMIT - 1)}…`;
}

/**
 * Whether CloudFormation is rolling the stack back: a rollback sends the old properties again,
 * and failing it would leave the stack UPDATE_ROLLBACK_FAILED, so then the checks only report.
 */
async function rollingBack(stackId: string): Promise<boolean> {
  const { Stacks } = await sdkCall({ operation: 'DescribeStacks', subject: 'stack status', resource: stackId },
    () => cloudFormation().send(new DescribeStacksCommand({ StackName: stackId })));
  return (Stacks?.[0]?.StackStatus ?? '').includes('ROLLBACK');
}

/** Runs the check of one link; a call that fails means the link cannot be confirmed, which is a finding too. */
async function check(link: Link): Promise<LinkResult> {
  const name = nameOf(link);
  try {
    return { name, ...await CHECKS[link.Link](link as never) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const notFound = error instanceof SdkCallError && (isNotFound(error.cause) || MISSING.has((error.cause as Error)?.name));
    return { name, problem: notFound ? `it does not exist (${detail})` : `it could not be read (${detail})`, fix: FIX_WHEN_UNREADABLE[link.Link] };
  }
}

function nameOf(link: Link): string {
  switch (link.Link) {
    case 'IdentityCenterInstance': return `Identity Center instance ${link.InstanceArn}`;
    case 'Application': return `Identity Center application ${link.ApplicationArn}`;
    case 'TrustedTokenIssuer': return `trusted token issuer ${link.TrustedTokenIssuerArn}`;
    case 'AthenaWorkGroup': return `Athena workgroup ${link.WorkGroupName}`;
    case 'LakeFormation': return `Lake Formation Identity Center configuration of catalog ${link.CatalogId}`;
    case 'RedshiftApplication': return `Redshift IdC application ${link.RedshiftIdcApplicationArn}`;
    case 'S3AccessGrants': return `S3 Access Grants instance of account ${link.AccountId}`;
    case 'QuickSightAccount': return `QuickSight account ${link.AwsAccountId}`;
    case 'QuickSightPropagation': return `QuickSight identity propagation to ${link.Service}`;
  }
}

/** A finding: `problem` if `wrong`, with its fix. */
function expect(wrong: boolean, problem: string, fix: string): { problem?: string; fix?: string } {
  return wrong ? { problem, fix } : {};
}

/** The first finding of several, in order, or none. */
function first(...findings: Array<{ problem?: string; fix?: string }>): { problem?: string; fix?: string } {
  return findings.find(f => f.problem !== undefined) ?? {};
}

const REDEPLOY = 'deploy the stack again to restore it, and find out who changed it outside CloudFormation';

/**
 * Errors that say the resource does not exist, beyond the usual not-found names: Redshift's
 * (API_DescribeRedshiftIdcApplications.html, Errors) and S3 Access Grants'
 * (AmazonS3/latest/API/ErrorResponses.html, list of S3 Access Grants error codes).
 */
const MISSING = new Set(['RedshiftIdcApplicationNotExistsFault', 'AccessGrantsInstanceNotExistsError']);

/** What to do when a link's state cannot be read at all. */
const FIX_WHEN_UNREADABLE: Record<Link['Link'], string> = {
  IdentityCenterInstance: 'deploy the stack in the Region of the Identity Center instance, or add this Region to the instance '
    + '(multi-Region IAM Identity Center, organization instances only)',
  Application: REDEPLOY,
  TrustedTokenIssuer: REDEPLOY,
  AthenaWorkGroup: REDEPLOY,
  LakeFormation: REDEPLOY,
  RedshiftApplication: REDEPLOY,
  S3AccessGrants: REDEPLOY,
  QuickSightAccount: 'subscribe QuickSight in this account with IAM Identity Center on the same instance (chosen when subscribing)',
  QuickSightPropagation: REDEPLOY,
};

type Check<K extends Link['Link']> = (link: Extract<Link, { Link: K }>) => Promise<{ problem?: string; fix?: string }>;

const CHECKS: { readonly [K in Link['Link']]: Check<K> } = {
  // Instance reads work in the instance's Region and its additional Regions
  // (singlesignon/latest/userguide/api-support-in-additional-regions.html); a deleted instance
  // answers AccessDeniedException (API_DescribeInstance.html).
  IdentityCenterInstance: async link => {
    const { Status } = await sdkCall({ operation: 'DescribeInstance', subject: 'instance', resource: link.InstanceArn },
      () => sso().send(new DescribeInstanceCommand({ InstanceArn: link.InstanceArn })));
    return expect(Status !== 'ACTIVE', `it is ${Status}, not ACTIVE`, 'wait until the instance is ACTIVE, or use an active instance');
  },

  Application: async link => {
    const resource = link.ApplicationArn;
    const call = <T>(operation: string, subject: string, send: () => Promise<T>) => sdkCall({ operation, subject, resource }, send);
    const application = await call('DescribeApplication', 'application', () => sso().send(new DescribeApplicationCommand({ ApplicationArn: resource })));
    if (application.Status !== 'ENABLED') return { problem: `it is ${application.Status}, not ENABLED`, fix: 'enable the application in IAM Identity Center' };
    const missingGrants: string[] = [];
    for (const grantType of link.GrantTypes ?? []) {
      try {
        await call('GetApplicationGrant', `grant ${grantType}`, () => sso().send(new GetApplicationGrantCommand({ ApplicationArn: resource, GrantType: grantType as any })));
      } catch (error) {
        if (!(error instanceof SdkCallError && isNotFound(error.cause))) throw error;
        missingGrants.push(grantType);
      }
    }
    const methods = await call('ListApplicationAuthenticationMethods', 'authentication methods',
      () => sso().send(new ListApplicationAuthenticationMethodsCommand({ ApplicationArn: resource })));
    const methodTypes = (methods.AuthenticationMethods ?? []).map(m => m.AuthenticationMethodType);
    const scopes = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await call('ListApplicationAccessScopes', 'access scopes',
        () => sso().send(new ListApplicationAccessScopesCommand({ ApplicationArn: resource, NextToken: nextToken })));
      (page.Scopes ?? []).forEach(s => scopes.add(s.Scope!));
      nextToken = page.NextToken;
    } while (nextToken);
    const { AssignmentRequired } = await call('GetApplicationAssignmentConfiguration', 'assignment configuration',
      () => sso().send(new GetApplicationAssignmentConfigurationCommand({ ApplicationArn: resource })));
    const missingMethods = (link.AuthenticationMethodTypes ?? []).filter(t => !methodTypes.includes(t as any));
    const missingScopes = (link.Scopes ?? []).filter(s => !scopes.has(s));
    const assignmentRequired = parseBoolean('AssignmentRequired', link.AssignmentRequired, true);
    return first(
      expect(missingGrants.length > 0, `it has no ${missingGrants.join(', ')} grant`, REDEPLOY),
      expect(missingMethods.length > 0, `it has no ${missingMethods.join(', ')} authentication method`, REDEPLOY),
      expect(missingScopes.length > 0, `it has no access scope ${missingScopes.join(', ')}`, REDEPLOY),
      expect(AssignmentRequired !== assignmentRequired, `it ${assignmentRequired ? 'does not require' : 'requires'} assignments`, REDEPLOY),
    );
  },

  TrustedTokenIssuer: async link => {
    const issuer = await sdkCall({ operation: 'DescribeTrustedTokenIssuer', subject: 'trusted token issuer', resource: link.TrustedTokenIssuerArn },
      () => sso().send(new DescribeTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: link.TrustedTokenIssuerArn })));
    const oidc = issuer.TrustedTokenIssuerConfiguration?.OidcJwtConfiguration;
    const differs = (what: string, actual: string | undefined, desired: string) =>
      expect(actual !== desired, `its ${what} is ${JSON.stringify(actual)}, not ${JSON.stringify(desired)}`, REDEPLOY);
    return first(
      differs('issuer URL', oidc?.IssuerUrl, link.IssuerUrl),
      differs('claim attribute path', oidc?.ClaimAttributePath, link.ClaimAttributePath),
      differs('identity store attribute path', oidc?.IdentityStoreAttributePath, link.IdentityStoreAttributePath),
    );
  },

  // GetWorkGroup: WorkGroup.Configuration.IdentityCenterConfiguration (athena/latest/APIReference/API_WorkGroup.html).
  AthenaWorkGroup: async link => {
    const { WorkGroup } = await sdkCall({ operation: 'GetWorkGroup', subject: 'workgroup', resource: link.WorkGroupName },
      () => athena().send(new GetWorkGroupCommand({ WorkGroup: link.WorkGroupName })));
    const identityCenter = WorkGroup?.Configuration?.IdentityCenterConfiguration;
    return first(
      expect(!identityCenter?.EnableIdentityCenter, 'Identity Center is not enabled on it',
        'Athena sets Identity Center only when it creates a workgroup: rename the workgroup so the stack creates a new one'),
      expect(identityCenter?.IdentityCenterInstanceArn !== link.InstanceArn,
        `it uses instance ${identityCenter?.IdentityCenterInstanceArn}, not ${link.InstanceArn}`, REDEPLOY),
      expect(WorkGroup?.State !== 'ENABLED', `it is ${WorkGroup?.State}`, 'enable the workgroup'),
    );
  },

  // DescribeLakeFormationIdentityCenterConfiguration: InstanceArn, ServiceIntegrations Redshift
  // RedshiftConnect Authorization ENABLED (lake-formation/latest/APIReference/API_RedshiftConnect.html).
  LakeFormation: async link => {
    const configuration = await sdkCall({ operation: 'DescribeLakeFormationIdentityCenterConfiguration', subject: 'configuration', resource: link.CatalogId },
      () => lakeFormation().send(new DescribeLakeFormationIdentityCenterConfigurationCommand({ CatalogId: link.CatalogId })));
    const redshiftConnect = (configuration.ServiceIntegrations ?? [])
      .some(i => (i.Redshift ?? []).some(r => r.RedshiftConnect?.Authorization === 'ENABLED'));
    return first(
      expect(configuration.InstanceArn !== link.InstanceArn, `it uses instance ${configuration.InstanceArn}, not ${link.InstanceArn}`, REDEPLOY),
      expect(parseBoolean('RedshiftConnect', link.RedshiftConnect, false) && !redshiftConnect, 'Redshift connect is not enabled', REDEPLOY),
    );
  },

  // DescribeRedshiftIdcApplications: IdcInstanceArn and ServiceIntegrations, Authorization
  // Enabled (redshift/latest/APIReference/API_RedshiftIdcApplication.html).
  RedshiftApplication: async link => {
    const { RedshiftIdcApplications } = await sdkCall(
      { operation: 'DescribeRedshiftIdcApplications', subject: 'Redshift IdC application', resource: link.RedshiftIdcApplicationArn },
      () => redshift().send(new DescribeRedshiftIdcApplicationsCommand({ RedshiftIdcApplicationArn: link.RedshiftIdcApplicationArn })));
    const application = RedshiftIdcApplications?.[0];
    if (!application) return { problem: 'it does not exist', fix: REDEPLOY };
    const enabled = (service: 'LakeFormation' | 'Redshift', integration: string) => (application.ServiceIntegrations ?? [])
      .some(i => ((i as any)[service] ?? []).some((item: any) => item?.[integration]?.Authorization === 'Enabled'));
    return first(
      expect(application.IdcInstanceArn !== link.InstanceArn, `it uses instance ${application.IdcInstanceArn}, not ${link.InstanceArn}`, REDEPLOY),
      expect(parseBoolean('LakeFormationQuery', link.LakeFormationQuery, false) && !enabled('LakeFormation', 'LakeFormationQuery'),
        'its Lake Formation query integration is not enabled', REDEPLOY),
      expect(parseBoolean('RedshiftConnect', link.RedshiftConnect, false) && !enabled('Redshift', 'Connect'),
        'its Redshift connect integration is not enabled', REDEPLOY),
    );
  },

  // GetAccessGrantsInstance: IdentityCenterInstanceArn (s3/latest/API/API_control_GetAccessGrantsInstance.html).
  S3AccessGrants: async link => {
    const instance = await sdkCall({ operation: 'GetAccessGrantsInstance', subject: 'S3 Access Grants instance', resource: link.AccountId },
      () => s3control().send(new GetAccessGrantsInstanceCommand({ AccountId: link.AccountId })));
    return expect(instance.IdentityCenterInstanceArn !== link.InstanceArn,
      instance.IdentityCenterInstanceArn ? `it is associated with ${instance.IdentityCenterInstanceArn}, not ${link.InstanceArn}` : 'it is not associated with Identity Center',
      REDEPLOY);
  },

  // DescribeAccountSubscription: AccountInfo.IAMIdentityCenterInstanceArn (quicksight/latest/APIReference/API_AccountInfo.html).
  QuickSightAccount: async link => {
    const { AccountInfo } = await sdkCall({ operation: 'DescribeAccountSubscription', subject: 'QuickSight subscription', resource: link.AwsAccountId },
      () => quickSight().send(new DescribeAccountSubscriptionCommand({ AwsAccountId: link.AwsAccountId })));
    return expect(AccountInfo?.IAMIdentityCenterInstanceArn !== link.InstanceArn,
      AccountInfo?.IAMIdentityCenterInstanceArn
        ? `it is subscribed with Identity Center instance ${AccountInfo.IAMIdentityCenterInstanceArn}, not ${link.InstanceArn}`
        : `it is subscribed with ${AccountInfo?.AuthenticationType ?? 'another authentication method'}, not IAM Identity Center`,
      FIX_WHEN_UNREADABLE.QuickSightAccount);
  },

  QuickSightPropagation: async link => {
    const services: Array<{ Service?: string; AuthorizedTargets?: string[] }> = [];
    let nextToken: string | undefined;
    do {
      const page = await sdkCall({ operation: 'ListIdentityPropagationConfigs', subject: 'identity propagation', resource: link.AwsAccountId },
        () => quickSight().send(new ListIdentityPropagationConfigsCommand({ AwsAccountId: link.AwsAccountId, NextToken: nextToken })));
      services.push(...page.Services ?? []);
      nextToken = page.NextToken;
    } while (nextToken);
    const service = services.find(s => s.Service === link.Service);
    // No targets authorizes every application of the service (quicksight/latest/user/redshift-trusted-identity-propagation-enable.html).
    const deployed = service?.AuthorizedTargets ?? [];
    const desired = link.AuthorizedTargets ?? [];
    const missingTargets = deployed.length > 0 ? desired.filter(t => !deployed.includes(t)) : [];
    return first(
      expect(!service, 'QuickSight does not propagate identities to it', REDEPLOY),
      expect(missingTargets.length > 0, `it does not authorize ${missingTargets.join(', ')}`, REDEPLOY),
      expect(desired.length === 0 && deployed.length > 0, `it authorizes only ${deployed.join(', ')}, not every application`, REDEPLOY),
    );
  },
};

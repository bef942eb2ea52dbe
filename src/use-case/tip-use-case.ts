import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ClientApplication, ClientApplicationKind, DataAuthorization, DataAuthorizationKind, QueryService, QueryServiceKind, SupportedCombination } from './answers';
import { requireSupported, SUPPORT_MATRIX } from './support-matrix';
import { AthenaIdentityCenterWorkGroup } from '../athena';
import {
  AccessScope,
  ApplicationGrant,
  IdentityCenterApplication,
  IdentityEnhancedRole,
  IIdentityCenterInstance,
  ITrustedTokenIssuer,
  TrustedTokenIssuer,
} from '../identity-center';
import { LakeFormationIdentityCenterConfiguration } from '../lake-formation';
import { acknowledgeWildcards } from '../private/nag';
import { QuickSightIdentityPropagation, QuickSightPropagationService } from '../quicksight';
import { RedshiftClusterIdentityProvider, RedshiftIdcApplication, RedshiftQueryEditorApplication } from '../redshift';
import { S3AccessGrantsIdentityCenter, S3AccessGrantsLocation } from '../s3-access-grants';

/**
 * Properties of a `TipUseCase`: the three planning questions of trusted identity propagation.
 */
export interface TipUseCaseProps {
  /** The Identity Center instance. */
  readonly instance: IIdentityCenterInstance;

  /** Which client application users interact with. */
  readonly clientApplication: ClientApplication;

  /** Which AWS services query the data: at most one Redshift and one Athena. */
  readonly queryServices: QueryService[];

  /** Which service authorizes access to the data. */
  readonly authorization: DataAuthorization;
}

const DEFAULT_RESULTS_PREFIX = 'athena-results/';

/**
 * A trusted identity propagation use case, from the answers to its three planning questions:
 * which client application users interact with, which AWS services query the data, and which
 * service authorizes access. It creates a working, least-privilege setup of every piece the
 * answers need, or fails at synth time saying what AWS does not support or what is missing.
 *
 * `toMermaid()` draws the resulting trust chain.
 */
export class TipUseCase extends Construct {
  /** The combinations of answers AWS supports, which this construct builds. */
  public static supportedCombinations(): SupportedCombination[] {
    return SUPPORT_MATRIX.map(row => ({ ...row }));
  }

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  /** The trusted token issuer of a custom application's identity provider. */
  public readonly trustedTokenIssuer?: ITrustedTokenIssuer;

  /** The Identity Center application of a custom application. */
  public readonly application?: IdentityCenterApplication;

  /**
   * The role a custom application's backend assumes with a user's identity context to query
   * the services, allowed what the chosen services need.
   */
  public readonly queryRole?: IdentityEnhancedRole;

  /** Redshift Query Editor v2, when it is the client. */
  public readonly queryEditor?: RedshiftQueryEditorApplication;

  /** The Redshift IdC application, when Redshift queries the data. */
  public readonly redshiftApplication?: RedshiftIdcApplication;

  /** The Athena workgroup, when Athena queries the data. */
  public readonly athenaWorkGroup?: AthenaIdentityCenterWorkGroup;

  /** The Lake Formation configuration, when Lake Formation authorizes. */
  public readonly lakeFormation?: LakeFormationIdentityCenterConfiguration;

  /** The S3 Access Grants instance, when S3 Access Grants authorizes. */
  public readonly s3AccessGrants?: S3AccessGrantsIdentityCenter;

  /** The Athena results location in S3 Access Grants: grant users and groups their results here. */
  public readonly athenaResultsLocation?: S3AccessGrantsLocation;

  private readonly props: TipUseCaseProps;

  constructor(scope: Construct, id: string, props: TipUseCaseProps) {
    super(scope, id);
    // Every answer is checked before anything is created.
    if (props.queryServices.length === 0) throw new Error('TipUseCase: queryServices must name at least one query service');
    for (const kind of [QueryServiceKind.REDSHIFT, QueryServiceKind.ATHENA]) {
      if (props.queryServices.filter(q => q.kind === kind).length > 1) {
        throw new Error(`TipUseCase: queryServices lists ${kind} more than once; use one TipUseCase per ${kind}`);
      }
    }
    for (const query of props.queryServices) requireSupported(props.clientApplication.kind, query.kind, props.authorization.kind);
    const redshiftService = props.queryServices.find(q => q.kind === QueryServiceKind.REDSHIFT);
    const athenaService = props.queryServices.find(q => q.kind === QueryServiceKind.ATHENA);
    const ownApplication = redshiftService?._options.application;
    if (ownApplication && props.authorization.usesLakeFormation && !ownApplication.lakeFormationQuery) {
      throw new Error(`TipUseCase: Redshift with Lake Formation authorization needs the lakeFormationQuery integration, but ${ownApplication.node.path} `
        + 'has lakeFormationQuery off; set lakeFormationQuery: true (and redshiftConnect: true) on it');
    }

    this.props = props;
    this.instance = props.instance;
    const instance = props.instance;
    const { usesLakeFormation, usesS3AccessGrants } = props.authorization;

    // 3. Authorization
    if (usesLakeFormation) {
      this.lakeFormation = new LakeFormationIdentityCenterConfiguration(this, 'LakeFormation', { instance, redshiftConnect: redshiftService !== undefined });
    }
    if (usesS3AccessGrants) {
      this.s3AccessGrants = new S3AccessGrantsIdentityCenter(this, 'S3AccessGrants', { instance });
    }

    // 2. Query services
    if (redshiftService) {
      const options = redshiftService._options.serverless ?? redshiftService._options.cluster;
      this.redshiftApplication = ownApplication ?? new RedshiftIdcApplication(this, 'Redshift', {
        instance,
        idcDisplayName: options?.idcDisplayName ?? 'Redshift',
        identityNamespace: options?.identityNamespace,
        redshiftConnect: true,
        lakeFormationQuery: usesLakeFormation,
        s3AccessGrants: usesS3AccessGrants,
      });
      const serverless = redshiftService._options.serverless;
      const cluster = redshiftService._options.cluster;
      if (serverless) this.redshiftApplication.attachToServerlessNamespace(serverless.namespace);
      if (cluster) {
        new RedshiftClusterIdentityProvider(this, 'RedshiftClusterIdentityProvider', {
          application: this.redshiftApplication,
          clusterIdentifier: cluster.clusterIdentifier,
          adminSecret: cluster.adminSecret,
          database: cluster.database,
        });
      }
    }
    if (athenaService) {
      const options = athenaService._options.athena!;
      const resultsPrefix = options.resultsPrefix ?? DEFAULT_RESULTS_PREFIX;
      this.athenaWorkGroup = new AthenaIdentityCenterWorkGroup(this, 'AthenaWorkGroup', {
        instance,
        workGroupName: options.workGroupName,
        resultsBucket: options.resultsBucket,
        resultsPrefix,
        lakeFormation: this.lakeFormation,
        s3AccessGrants: this.s3AccessGrants,
      });
      this.athenaResultsLocation = this.s3AccessGrants!.addLocation('AthenaResults', { bucket: options.resultsBucket, prefix: resultsPrefix });
    }

    // 1. Client application
    switch (props.clientApplication.kind) {
      case ClientApplicationKind.QUICKSIGHT:
        if (this.redshiftApplication) {
          new QuickSightIdentityPropagation(this, 'QuickSightToRedshift', {
            service: QuickSightPropagationService.REDSHIFT,
            authorizedTargets: [this.redshiftApplication.identityCenterApplication],
          });
        }
        if (this.athenaWorkGroup) {
          new QuickSightIdentityPropagation(this, 'QuickSightToAthena', {
            service: QuickSightPropagationService.ATHENA,
            authorizedTargets: [this.athenaWorkGroup.identityCenterApplication],
          });
        }
        break;
      case ClientApplicationKind.REDSHIFT_QUERY_EDITOR:
        this.queryEditor = new RedshiftQueryEditorApplication(this, 'QueryEditor', {
          instance,
          idcDisplayName: props.clientApplication._queryEditor?.idcDisplayName ?? 'RedshiftQueryEditorV2',
        });
        break;
      case ClientApplicationKind.CUSTOM_APPLICATION: {
        const custom = props.clientApplication._custom!;
        this.trustedTokenIssuer = custom.trustedTokenIssuer
          ?? new TrustedTokenIssuer(this, 'TrustedTokenIssuer', { instance, issuerUrl: custom.issuerUrl! });
        this.application = new IdentityCenterApplication(this, 'Application', {
          instance,
          applicationName: custom.applicationName,
          grants: [ApplicationGrant.jwtBearer({ issuer: this.trustedTokenIssuer, audiences: custom.audiences })],
        });
        this.application.allowTokenExchange(custom.backend);
        this.queryRole = new IdentityEnhancedRole(this, 'QueryRole', {
          assumedBy: custom.backend,
          description: 'Assumed by the application backend with an Identity Center user context to query data as the user',
        });
        this.scopeCustomApplication(this.application, this.queryRole);
        break;
      }
    }
  }

  /** The trust chain, identity provider to authorization, as a Mermaid flowchart. */
  public toMermaid(): string {
    const lines = ['flowchart LR'];
    const client = this.props.clientApplication;
    let clientNode: string;
    if (client.kind === ClientApplicationKind.CUSTOM_APPLICATION) {
      const custom = client._custom!;
      const issuer = custom.issuerUrl ?? (this.trustedTokenIssuer instanceof TrustedTokenIssuer ? this.trustedTokenIssuer.issuerUrl : undefined);
      lines.push(
        `  idp[/"Identity provider ${label(issuer ?? 'imported issuer')}"/]`,
        `  tti["Trusted token issuer ${label(this.trustedTokenIssuer instanceof TrustedTokenIssuer
          ? this.trustedTokenIssuer.trustedTokenIssuerName : this.trustedTokenIssuer!.trustedTokenIssuerArn)}"]`,
        `  client(["Custom application ${label(this.application!.applicationName)}"])`,
        '  backend{{"Application backend: CreateTokenWithIAM, then AssumeRole with the user context"}}',
        '  idp -->|"user token"| tti',
        `  tti -->|"jwt-bearer, aud ${label(custom.audiences.join(', '))}"| client`,
        '  client --> backend',
      );
      clientNode = 'backend';
    } else {
      lines.push(`  client(["${client.kind}"])`, '  idc[/"IAM Identity Center sign-in"/] --> client');
      clientNode = 'client';
    }
    const authorization = `auth{{"${this.props.authorization.kind}"}}`;
    for (const query of this.props.queryServices) {
      const roles = this.props.authorization.kind === DataAuthorizationKind.REDSHIFT_ROLES
        ? `, roles ${label(this.redshiftApplication!.identityNamespace ?? 'AWSIDC')}:&lt;group&gt;` : '';
      const node = query.kind === QueryServiceKind.REDSHIFT
        ? `redshift[("Redshift${roles}")]`
        : `athena[("Athena workgroup ${label(this.athenaWorkGroup!.workGroupName)}")]`;
      const via = client.kind === ClientApplicationKind.CUSTOM_APPLICATION ? scopesFor(query.kind, this.props.authorization).join(', ') : 'identity propagation';
      lines.push(`  ${clientNode} -->|"${via}"| ${node}`, `  ${node.split('[')[0]} -->|"authorized by"| ${authorization}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private scopeCustomApplication(application: IdentityCenterApplication, queryRole: iam.Role): void {
    const stack = Stack.of(this);
    if (this.redshiftApplication) {
      application.addAccessScope(AccessScope.REDSHIFT_CONNECT, [this.redshiftApplication.identityCenterApplication]);
      // Data API calls as the user; statements are private to the caller.
      grant(queryRole, new iam.PolicyStatement({
        actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
        resources: [
          stack.formatArn({ service: 'redshift', resource: 'cluster', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          stack.formatArn({ service: 'redshift-serverless', resource: 'workgroup', resourceName: '*' }),
        ],
      }), 'Redshift authorizes each statement as the Identity Center user; workgroup ids are generated by AWS');
      grant(queryRole, new iam.PolicyStatement({
        actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:ListStatements', 'redshift-data:CancelStatement'],
        resources: ['*'],
        conditions: { StringEquals: { 'redshift-data:statement-owner-iam-userid': '${aws:userid}' } },
      }), 'These Data API actions have no resource type; the condition limits them to the caller\'s own statements');
    }
    if (this.athenaWorkGroup) {
      application.addAccessScope(AccessScope.ATHENA_WORKGROUP_READ_WRITE, [this.athenaWorkGroup.identityCenterApplication]);
      queryRole.addToPolicy(new iam.PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup'],
        resources: [this.athenaWorkGroup.workGroupArn],
      }));
    }
    if (this.lakeFormation) {
      application.addAccessScope(AccessScope.LAKE_FORMATION_QUERY, [this.lakeFormation.identityCenterApplication]);
      // Lake Formation vends data access per table; it supports no resource ARNs.
      grant(queryRole, new iam.PolicyStatement({ actions: ['lakeformation:GetDataAccess'], resources: ['*'] }),
        'Lake Formation supports no resource ARNs; it vends access only to data granted to the Identity Center user');
    }
    if (this.s3AccessGrants) {
      application.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE);
      queryRole.addToPolicy(new iam.PolicyStatement({
        actions: ['s3:GetDataAccess', 's3:GetAccessGrantsInstanceForPrefix'],
        resources: [this.s3AccessGrants.accessGrantsInstanceArn],
      }));
    }
  }
}

function grant(role: iam.Role, statement: iam.PolicyStatement, wildcardReason: string): void {
  role.addToPolicy(statement);
  acknowledgeWildcards(role, statement, wildcardReason);
}

function scopesFor(query: QueryServiceKind, authorization: DataAuthorization): string[] {
  return [
    query === QueryServiceKind.REDSHIFT ? 'redshift:connect' : 'athena:workgroup:read_write',
    ...(authorization.usesLakeFormation ? ['lakeformation:query'] : []),
    ...(authorization.usesS3AccessGrants ? ['s3:access_grants:read_write'] : []),
  ];
}

/** Text for a diagram label: literal values as they are, deploy-time values as such. */
function label(value: string): string {
  return Token.isUnresolved(value) ? '(set at deploy time)' : value.replace(/"/g, "'");
}

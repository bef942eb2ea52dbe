import { Resource, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import { IIdentityCenterInstance } from '../identity-center';
import { identityCenterContextOnly, identityEnhancedServices } from '../private/identity-enhanced';
import { invalid, validateLength } from '../private/validation';

/** Which attribute of an Identity Center user OpenSearch knows the user by. */
export enum OpenSearchSubjectKey {
  /** The user's name. */
  USER_NAME = 'UserName',
  /** The user's id in the identity store. */
  USER_ID = 'UserId',
  /** The user's email address. */
  EMAIL = 'Email',
}

/** Which attribute of an Identity Center group OpenSearch maps to backend roles. */
export enum OpenSearchRolesKey {
  /** The group's name. */
  GROUP_NAME = 'GroupName',
  /** The group's id in the identity store. */
  GROUP_ID = 'GroupId',
}

/** Options for turning on Identity Center API access on an OpenSearch domain. */
export interface OpenSearchDomainIdentityCenterOptions {
  /** The Identity Center instance, in the domain's region. */
  readonly instance: IIdentityCenterInstance;

  /**
   * What OpenSearch knows a user by.
   * @default OpenSearchSubjectKey.USER_ID
   */
  readonly subjectKey?: OpenSearchSubjectKey;

  /**
   * What OpenSearch maps to backend roles: map these in the security plugin's role mappings.
   * @default OpenSearchRolesKey.GROUP_ID
   */
  readonly rolesKey?: OpenSearchRolesKey;
}

/**
 * Properties of an `OpenSearchIdentityCenter`.
 */
export interface OpenSearchIdentityCenterProps {
  /** The Identity Center instance whose users sign in to OpenSearch UI. */
  readonly instance: IIdentityCenterInstance;

  /** The name of the OpenSearch UI application. */
  readonly applicationName: string;

  /**
   * The domains the application reaches as its users: the role may call their HTTP APIs. Turn
   * Identity Center API access on for each (`configureDomain`).
   * @default - none
   */
  readonly domains?: opensearch.IDomain[];
}

/**
 * OpenSearch UI (an `AWS::OpenSearchService::Application`) with IAM Identity Center: users sign
 * in with Identity Center, and the application reaches domains as them, through the role AWS
 * documents (application-cross-region-data-access-domains.html): trusted by OpenSearch UI, with
 * `sts:SetContext` for Identity Center contexts only. Identity Center principals work only
 * through OpenSearch UI, not through Dashboards on a domain (idc-aos.html).
 *
 * `configureDomain` and `configureCfnDomain` turn Identity Center API access on for a domain,
 * which needs fine-grained access control and OpenSearch 1.3 or later.
 *
 * @resource AWS::OpenSearchService::Application
 */
export class OpenSearchIdentityCenter extends Resource {
  /**
   * Turns Identity Center API access on for an `opensearchservice.Domain`.
   */
  public static configureDomain(domain: opensearch.Domain, options: OpenSearchDomainIdentityCenterOptions): void {
    OpenSearchIdentityCenter.configureCfnDomain(domain.node.defaultChild as opensearch.CfnDomain, options);
  }

  /**
   * Turns Identity Center API access on for a `CfnDomain`: "Fine Grained Access Control is
   * enabled on the domain" and "The OpenSearch domain version is 1.3 or later" (idc-aos.html).
   */
  public static configureCfnDomain(domain: opensearch.CfnDomain, options: OpenSearchDomainIdentityCenterOptions): void {
    const security = domain.advancedSecurityOptions as opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty | undefined;
    if (!Token.isUnresolved(security) && security?.enabled !== true) {
      invalid(domain, 'advancedSecurityOptions.enabled must be true: OpenSearch needs fine-grained access control for Identity Center '
        + '("Fine Grained Access Control is enabled on the domain", opensearch-service/latest/developerguide/idc-aos.html)');
    }
    const version = domain.engineVersion;
    if (version !== undefined && !Token.isUnresolved(version)) {
      const match = /^OpenSearch_(\d+)\.(\d+)$/.exec(version);
      if (!match || Number(match[1]) * 1000 + Number(match[2]) < 1003) {
        invalid(domain, `engineVersion must be OpenSearch 1.3 or later for Identity Center (got "${version}")`);
      }
    }
    domain.identityCenterOptions = {
      enabledApiAccess: true,
      identityCenterInstanceArn: options.instance.instanceArn,
      subjectKey: options.subjectKey ?? OpenSearchSubjectKey.USER_ID,
      rolesKey: options.rolesKey ?? OpenSearchRolesKey.GROUP_ID,
    };
  }

  /**
   * The id of the application.
   * @attribute
   */
  public readonly applicationId: string;

  /**
   * The ARN of the application.
   * @attribute
   */
  public readonly applicationArn: string;

  /** The role the application reaches domains with, as its users. */
  public readonly role: iam.Role;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  constructor(scope: Construct, id: string, props: OpenSearchIdentityCenterProps) {
    super(scope, id);
    validateLength(this, 'applicationName', props.applicationName, 1, 40);
    this.instance = props.instance;

    // "Principal": application.opensearchservice.amazonaws.com with sts:AssumeRole, and
    // sts:SetContext for Identity Center contexts (application-cross-region-data-access-domains.html):
    // one statement, since the condition holds for a session without context too.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: identityEnhancedServices(['application.opensearchservice.amazonaws.com'], { conditions: identityCenterContextOnly() }),
      description: 'OpenSearch UI reaching domains as Identity Center users',
    });
    for (const domain of props.domains ?? []) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpPatch', 'es:ESHttpDelete'],
        resources: [`${domain.domainArn}/*`],
      }));
    }

    const resource = new opensearch.CfnApplication(this, 'Resource', {
      name: props.applicationName,
      iamIdentityCenterOptions: {
        enabled: true,
        iamIdentityCenterInstanceArn: props.instance.instanceArn,
        iamRoleForIdentityCenterApplicationArn: this.role.roleArn,
      },
      dataSources: props.domains?.map(domain => ({ dataSourceArn: domain.domainArn })),
    });
    this.applicationId = resource.attrId;
    this.applicationArn = resource.attrArn;
  }
}


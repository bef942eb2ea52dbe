import { isLiteral, isTrue, mayBeSameInstance, redshiftIntegrationEnabled, ResourceFact, sameValue, TemplateFacts } from './facts';
import { APPLICATION_CONFIGURATION } from '../private/contracts/application-configuration';
import { ATHENA_WORKGROUP, ATHENA_WORKGROUP_ATTRIBUTES } from '../private/contracts/athena-workgroup';
import { LAKE_FORMATION_IDENTITY_CENTER, LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES } from '../private/contracts/lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../private/contracts/quicksight-identity-propagation';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../private/contracts/s3-access-grants-identity-center';
import { instanceIdOfApplication, instanceIdOfInstance, spelled } from '../private/validation';

/** Something a rule found wrong with one resource. */
export interface Finding {
  readonly resource: ResourceFact;
  /** What is missing or wrong, naming the resource. */
  readonly message: string;
  /**
   * The AWS page for this finding, where it is more precise than the rule's.
   * @default - the rule's source
   */
  readonly source?: string;
}

/** One rule of `TipChecks`. */
export interface Rule {
  /** `TIP1`, `TIP2`, … */
  readonly id: string;
  /** Errors fail `cdk synth`; warnings are advice (something may be done outside the app). */
  readonly level: 'error' | 'warning';
  /** What the rule asks for, for the README's table. */
  readonly summary: string;
  /** The AWS page the rule comes from. */
  readonly source: string;
  readonly check: (facts: TemplateFacts) => Finding[];
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Services whose roles receive identity-enhanced sessions, by where the resource names the role. */
interface IdentityEnhancedUse {
  readonly types: string[];
  /** The role's ARN in the resource's properties. */
  readonly role: (properties: any) => unknown;
  /** Service principals, any of which may be the one that sets the context; undefined: the role is assumed by another role. */
  readonly services?: string[];
  readonly what: string;
  /** The AWS page that shows the trust policy with `sts:SetContext`. */
  readonly source: string;
  /** Only when the app turns Identity Center on for the service. */
  readonly when?: (facts: TemplateFacts) => boolean;
}

const IDENTITY_ENHANCED_USES: IdentityEnhancedUse[] = [
  {
    types: [ATHENA_WORKGROUP],
    role: properties => properties.ExecutionRoleArn,
    services: ['athena.amazonaws.com'],
    what: 'Athena workgroup execution role',
    source: 'https://docs.aws.amazon.com/athena/latest/ug/workgroups-identity-center.html',
  },
  {
    types: ['AWS::Redshift::RedshiftIdcApplication'],
    role: properties => properties.IamRoleArn,
    services: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'],
    what: 'Redshift IdC application role',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/setting-up-tip-redshift.html',
  },
  {
    types: ['AWS::S3::AccessGrantsLocation'],
    role: properties => properties.IamRoleArn,
    services: ['access-grants.s3.amazonaws.com'],
    what: 'S3 Access Grants location role',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-location-register.html',
    when: facts => hasAccessGrants(facts),
  },
  {
    types: ['AWS::LakeFormation::Resource'],
    role: properties => properties.RoleArn,
    services: ['lakeformation.amazonaws.com'],
    what: 'Lake Formation data location role',
    source: 'https://docs.aws.amazon.com/lake-formation/latest/dg/registration-role.html',
    when: facts => hasLakeFormation(facts),
  },
  {
    types: ['AWS::EMR::Studio'],
    role: properties => isTrue(properties.TrustedIdentityPropagationEnabled) ? properties.UserRole : undefined,
    services: ['elasticmapreduce.amazonaws.com'],
    what: 'EMR Studio user role',
    source: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-studio-user-permissions.html',
  },
  {
    // "The trust policy for this role allows the InstanceProfile role to let it assume the role",
    // with sts:AssumeRole and sts:SetContext.
    types: ['AWS::EMR::SecurityConfiguration'],
    role: properties => properties.SecurityConfiguration?.AuthenticationConfiguration?.IdentityCenterConfiguration
      ?.IAMRoleForEMRIdentityCenterApplicationARN,
    what: 'EMR Identity Center role (IAMRoleForEMRIdentityCenterApplicationARN)',
    source: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-idc-start.html',
  },
];

/**
 * Whether the app has an S3 Access Grants instance with Identity Center (on `instance`, when
 * given), made in the app or imported from elsewhere.
 */
function hasAccessGrants(facts: TemplateFacts, instance?: unknown): boolean {
  return facts.imported.has('S3AccessGrantsIdentityCenter')
    || facts.ofType('AWS::S3::AccessGrantsInstance').some(r => r.properties.IdentityCenterArn !== undefined
      && mayBeSameInstance(r.properties.IdentityCenterArn, instance))
    || facts.ofType(S3_ACCESS_GRANTS_IDENTITY_CENTER).some(r => mayBeSameInstance(r.properties.IdentityCenterInstanceArn, instance));
}

/**
 * Whether the app has Lake Formation with Identity Center (on `instance`, and with Redshift
 * connect, when asked), made in the app or imported from elsewhere (whose settings no template
 * shows, so they count).
 */
function hasLakeFormation(facts: TemplateFacts, instance?: unknown, options: { redshiftConnect?: boolean } = {}): boolean {
  return facts.imported.has('LakeFormationIdentityCenterConfiguration')
    || facts.ofType(LAKE_FORMATION_IDENTITY_CENTER).some(r => mayBeSameInstance(r.properties.InstanceArn, instance)
      && (!options.redshiftConnect || isTrue(r.properties.RedshiftConnect)));
}

/** Whether a trust policy lets one of `services` (undefined: any principal) call `sts:SetContext`. */
function trustsSetContext(document: any, services?: string[]): boolean {
  return [document?.Statement ?? []].flat().some((statement: any) => {
    if (statement.Effect !== 'Allow') return false;
    const actions = [statement.Action ?? []].flat();
    const principals = [statement.Principal?.Service ?? []].flat();
    return actions.some((a: unknown) => a === 'sts:SetContext' || a === 'sts:*' || a === '*')
      && (services === undefined || principals.some((p: unknown) => services.includes(p as string)));
  });
}

/** The configuration resources (this library's `Custom::IdentityCenterApplicationConfiguration`) and what they configure. */
function configurations(facts: TemplateFacts) {
  return facts.ofType(APPLICATION_CONFIGURATION).map(configuration => ({
    configuration,
    application: facts.referenced(configuration, configuration.properties.ApplicationArn)?.target,
    grants: [configuration.properties.Grants ?? []].flat() as Array<{ GrantType?: unknown }>,
    scopes: [configuration.properties.AccessScopes ?? []].flat() as Array<{ Scope?: unknown; AuthorizedTargets?: unknown }>,
    authenticationMethods: [configuration.properties.AuthenticationMethods ?? []].flat() as Array<{ AuthenticationMethodType?: unknown }>,
  }));
}

/** Where each kind of Identity Center application in a template keeps its ARN and its instance. */
const APPLICATIONS: Record<string, { readonly attribute: string; readonly instanceProperty: string }> = {
  'AWS::SSO::Application': { attribute: 'ApplicationArn', instanceProperty: 'InstanceArn' },
  'AWS::Redshift::RedshiftIdcApplication': { attribute: 'IdcManagedApplicationArn', instanceProperty: 'IdcInstanceArn' },
  [ATHENA_WORKGROUP]: { attribute: ATHENA_WORKGROUP_ATTRIBUTES.identityCenterApplicationArn, instanceProperty: 'InstanceArn' },
  [LAKE_FORMATION_IDENTITY_CENTER]: { attribute: LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES.applicationArn, instanceProperty: 'InstanceArn' },
};


/** The rules, each from an AWS guide. */
export const RULES: readonly Rule[] = [
  {
    id: 'TIP1',
    level: 'error',
    summary: 'A role that an Identity Center enabled service uses for identity-enhanced sessions trusts that service with `sts:SetContext`: '
      + 'the Athena workgroup execution role, the Redshift IdC application role, the S3 Access Grants location role, the Lake Formation data location role, '
      + 'the EMR Studio user role and the EMR Identity Center role of a security configuration.',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation-identity-enhanced-iam-role-sessions.html',
    check: facts => IDENTITY_ENHANCED_USES.filter(use => use.when?.(facts) ?? true).flatMap(use =>
      facts.ofType(...use.types).flatMap(user => {
        const role = facts.referenced(user, use.role(user.properties))?.target;
        if (!role || role.type !== 'AWS::IAM::Role' || trustsSetContext(role.properties.AssumeRolePolicyDocument, use.services)) return [];
        return [{
          resource: role,
          source: use.source,
          message: `role ${role.logicalId}, the ${use.what} of ${user.logicalId}, does not trust ${use.services?.join(' or ') ?? 'its caller'} with sts:SetContext; `
            + 'the service cannot start identity-enhanced sessions with it. Add sts:SetContext to the trust statement (IdentityEnhancedRole does)',
        }];
      })),
  },
  {
    id: 'TIP2',
    level: 'error',
    summary: 'An Identity Center enabled Athena workgroup has Lake Formation and S3 Access Grants with Identity Center in the same app.',
    source: 'https://docs.aws.amazon.com/athena/latest/ug/workgroups-identity-center.html',
    check: facts => facts.ofType(ATHENA_WORKGROUP).flatMap(workGroup => {
      const instance = workGroup.properties.InstanceArn;
      const missing = [
        ...hasLakeFormation(facts, instance) ? [] : ['Lake Formation with Identity Center on its instance (LakeFormationIdentityCenterConfiguration)'],
        ...hasAccessGrants(facts, instance) ? [] : ['an S3 Access Grants instance with Identity Center on its instance (S3AccessGrantsIdentityCenter)'],
      ];
      return missing.length === 0 ? [] : [{
        resource: workGroup,
        message: `Athena workgroup ${workGroup.logicalId} uses Identity Center, and the app lacks ${missing.join(' and ')}; `
          + 'Athena authorizes Identity Center users only through both. Import them with their from… methods if another app made them, '
          + 'or acknowledge TIP2 here with the reason',
      }];
    }),
  },
  {
    id: 'TIP3',
    level: 'error',
    summary: 'A customer managed application with a JWT bearer grant has an IAM authentication method and at least one access scope.',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/using-apps-with-trusted-token-issuer.html',
    check: facts => configurations(facts).flatMap(({ configuration, grants, scopes, authenticationMethods }) => {
      if (!grants.some(g => g.GrantType === JWT_BEARER)) return [];
      const missing = [
        ...authenticationMethods.some(m => m.AuthenticationMethodType === 'IAM') ? [] : [`an IAM authentication method (${spelled('allowTokenExchange()')})`],
        ...scopes.length > 0 ? [] : [`an access scope (${spelled('addAccessScope()')})`],
      ];
      return missing.length === 0 ? [] : [{
        resource: configuration,
        message: `application ${configuration.logicalId} has a JWT bearer grant and lacks ${missing.join(' and ')}; `
          + 'nothing can exchange a token for it with CreateTokenWithIAM, or the token it gives reaches no service',
      }];
    }),
  },
  {
    id: 'TIP4',
    level: 'warning',
    summary: 'An application that requires assignments has at least one assignment in the app (they may be made elsewhere).',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAssignmentConfiguration.html',
    check: facts => configurations(facts).flatMap(({ configuration }) => {
      if (!isTrue(configuration.properties.AssignmentRequired)) return [];
      const assigned = facts.ofType('AWS::SSO::ApplicationAssignment')
        .some(a => sameValue(a.properties.ApplicationArn, configuration.properties.ApplicationArn));
      return assigned ? [] : [{
        resource: configuration,
        message: `application ${configuration.logicalId} requires assignments and the app assigns no user or group to it; `
          + `nobody can use it until someone is assigned (${spelled('assignGroup()')}, ${spelled('assignUser()')}, or on a TipUseCase `
          + `${spelled('allowGroup()')}, ${spelled('allowUser()')})`,
      }];
    }),
  },
  {
    id: 'TIP5',
    level: 'error',
    summary: 'A QuickSight data source with identity propagation on has QuickSight identity propagation configured for its service.',
    source: 'https://docs.aws.amazon.com/quicksight/latest/user/redshift-trusted-identity-propagation-enable.html',
    check: facts => facts.ofType('AWS::QuickSight::DataSource').flatMap(dataSource => {
      const parameters = dataSource.properties.DataSourceParameters ?? {};
      return [['RedshiftParameters', 'REDSHIFT'], ['AthenaParameters', 'ATHENA']].flatMap(([key, service]) => {
        if (!isTrue(parameters[key]?.IdentityCenterConfiguration?.EnableIdentityPropagation)) return [];
        const configured = facts.ofType(QUICKSIGHT_IDENTITY_PROPAGATION).some(p => p.properties.Service === service);
        return configured ? [] : [{
          resource: dataSource,
          message: `QuickSight data source ${dataSource.logicalId} propagates identities to ${service} and the app does not turn on `
            + `QuickSight identity propagation for ${service} (QuickSightIdentityPropagation); its queries fail. `
            + 'If another app turns it on, acknowledge TIP5 here with that reason',
        }];
      });
    }),
  },
  {
    id: 'TIP6',
    level: 'error',
    summary: 'A Redshift IdC application of type Lakehouse has the Lake Formation query and Redshift connect integrations, the app has Lake Formation '
      + 'with Redshift connect, and there is at most one Lakehouse application.',
    source: 'https://docs.aws.amazon.com/redshift/latest/dg/federated-permissions-prereqs.html',
    check: facts => {
      const lakehouses = facts.ofType('AWS::Redshift::RedshiftIdcApplication').filter(a => a.properties.ApplicationType === 'Lakehouse');
      return lakehouses.flatMap((application, index) => {
        const missing = [
          ...redshiftIntegrationEnabled(application, 'LakeFormation', 'LakeFormationQuery') ? [] : ['its Lake Formation query integration'],
          ...redshiftIntegrationEnabled(application, 'Redshift', 'Connect') ? [] : ['its Redshift connect integration'],
          ...hasLakeFormation(facts, application.properties.IdcInstanceArn, { redshiftConnect: true })
            ? [] : ['Lake Formation with Identity Center on its instance and Redshift connect in the app (or imported)'],
        ];
        return [
          ...missing.length === 0 ? [] : [{
            resource: application,
            message: `Lakehouse Redshift IdC application ${application.logicalId} lacks ${missing.join(', ')}; a Lakehouse application needs all three`,
          }],
          ...index === 0 ? [] : [{
            resource: application,
            message: `Redshift IdC application ${application.logicalId} is a second Lakehouse application in the app (the first is `
              + `${lakehouses[0].logicalId}); an account has at most one`,
          }],
        ];
      });
    },
  },
  {
    id: 'TIP7',
    level: 'error',
    summary: 'Every authorized target of an access scope is an Identity Center application of the same instance.',
    source: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAccessScope.html',
    check: facts => configurations(facts).flatMap(({ configuration, application, scopes }) => {
      const instance = application?.properties.InstanceArn;
      return scopes.flatMap(scope => [scope.AuthorizedTargets ?? []].flat().flatMap(target => {
        const problem = targetProblem(facts, configuration, target, instance);
        return problem ? [{
          resource: configuration,
          message: `application ${configuration.logicalId} authorizes scope ${String(scope.Scope)} for ${JSON.stringify(target)}, which ${problem}`,
        }] : [];
      }));
    }),
  },
  {
    id: 'TIP8',
    level: 'error',
    summary: 'An EMR security configuration with Identity Center turns on in-transit encryption.',
    source: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-idc-start.html',
    check: facts => facts.ofType('AWS::EMR::SecurityConfiguration').flatMap(securityConfiguration => {
      const raw = securityConfiguration.properties.SecurityConfiguration;
      const json = typeof raw === 'string' ? parseJson(raw) : raw;
      const identityCenter = json?.AuthenticationConfiguration?.IdentityCenterConfiguration;
      if (!identityCenter || !isTrue(identityCenter.EnableIdentityCenter)) return [];
      return isTrue(json?.EncryptionConfiguration?.EnableInTransitEncryption) ? [] : [{
        resource: securityConfiguration,
        message: `EMR security configuration ${securityConfiguration.logicalId} turns on Identity Center without in-transit encryption `
          + '(EncryptionConfiguration.EnableInTransitEncryption); EMR requires it with Identity Center',
      }];
    }),
  },
];

/** Why `target` cannot be an authorized target of an application of `instance`, if it cannot. */
function targetProblem(facts: TemplateFacts, from: ResourceFact, target: unknown, instance: unknown): string | undefined {
  if (isLiteral(target)) {
    const targetInstanceId = instanceIdOfApplication(String(target));
    if (!targetInstanceId) return 'is not an Identity Center application ARN';
    const instanceId = isLiteral(instance) ? instanceIdOfInstance(String(instance)) : undefined;
    return instanceId && instanceId !== targetInstanceId ? `belongs to instance ${targetInstanceId}, not ${instanceId}` : undefined;
  }
  const reference = facts.referenced(from, target);
  if (!reference) return undefined;
  const kind = APPLICATIONS[reference.target.type];
  if (!kind || reference.attribute !== kind.attribute) {
    return `is ${reference.attribute ?? 'the Ref'} of ${reference.target.type} ${reference.target.logicalId}, not an Identity Center application`;
  }
  const targetInstance = reference.target.properties[kind.instanceProperty];
  return !mayBeSameInstance(instance, targetInstance)
    ? `is an application of another instance (${JSON.stringify(targetInstance)}, not ${JSON.stringify(instance)})` : undefined;
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

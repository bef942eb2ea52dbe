import { IResource, Resource } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { AccessScope, IdentityCenterApplication, IIdentityCenterApplication, IIdentityCenterInstance } from '../identity-center';
import { markImported } from '../private/imported';
import { claimOncePerStack } from '../private/singleton';
import { importPath, invalid, validateApplicationArn, validateCount } from '../private/validation';

/**
 * The scopes Glue passes on to the services its sessions reach ("The supported values are
 * s3:access_grants:read_write, redshift:connect and lakeformation:query",
 * glue/latest/dg/security-trusted-identity-propagation-getting-started.html).
 */
const GLUE_SCOPES = [AccessScope.S3_ACCESS_GRANTS_READ_WRITE, AccessScope.REDSHIFT_CONNECT, AccessScope.LAKE_FORMATION_QUERY]
  .map(scope => scope.name);

/**
 * The Identity Center configuration of AWS Glue in an account and region.
 */
export interface IGlueIdentityCenterConfiguration extends IResource {
  /**
   * The Identity Center application Glue manages for the account: the target of its
   * propagation.
   */
  readonly identityCenterApplication: IIdentityCenterApplication;
}

/**
 * Properties of a `GlueIdentityCenterConfiguration`.
 */
export interface GlueIdentityCenterConfigurationProps {
  /** The Identity Center instance whose users run Glue interactive sessions. */
  readonly instance: IIdentityCenterInstance;

  /**
   * The scopes Glue passes on to the services sessions reach: `S3_ACCESS_GRANTS_READ_WRITE`,
   * `LAKE_FORMATION_QUERY` and `REDSHIFT_CONNECT` are the ones Glue supports.
   * @default - all three ("all scopes will be added if not provided")
   */
  readonly scopes?: AccessScope[];

  /**
   * Whether users' interactive sessions go on running after they sign out. The Identity Center
   * instance must allow user background sessions too, or creating sessions fails
   * (glue/latest/dg/user-background-sessions.html).
   * @default false
   */
  readonly userBackgroundSessions?: boolean;
}

/**
 * Connects AWS Glue to IAM Identity Center, so Glue 5.0 interactive sessions started with
 * identity-enhanced credentials run as the Identity Center user, and Lake Formation, S3 Access
 * Grants and Redshift authorize that user's access. Only interactive sessions propagate
 * identities: not jobs, triggers, workflows or ML tasks, and not Glue 4.0
 * (glue/latest/dg/security-trusted-identity-propagation-considerations.html).
 *
 * Glue makes one Identity Center application per account: one configuration per account and
 * region.
 *
 * @resource AWS::Glue::IdentityCenterConfiguration
 */
export class GlueIdentityCenterConfiguration extends Resource implements IGlueIdentityCenterConfiguration {
  /**
   * Imports the configuration an account already has, by the ARN of its Identity Center
   * application (`aws glue get-glue-identity-center-configuration`).
   */
  public static fromApplicationArn(scope: Construct, id: string, applicationArn: string): IGlueIdentityCenterConfiguration {
    validateApplicationArn(importPath(scope, id), 'applicationArn', applicationArn);
    class Import extends Resource implements IGlueIdentityCenterConfiguration {
      public readonly identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application', applicationArn);
    }
    const imported = new Import(scope, id);
    markImported(imported, 'GlueIdentityCenterConfiguration');
    return imported;
  }

  public readonly identityCenterApplication: IIdentityCenterApplication;

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  /** The scopes Glue passes on. */
  public readonly scopes: AccessScope[];

  constructor(scope: Construct, id: string, props: GlueIdentityCenterConfigurationProps) {
    super(scope, id);
    if (props.scopes) {
      validateCount(this, 'scopes', props.scopes, 1, GLUE_SCOPES.length);
      const unsupported = props.scopes.filter(s => !GLUE_SCOPES.includes(s.name));
      if (unsupported.length > 0) {
        invalid(this, `scopes may hold only ${GLUE_SCOPES.join(', ')}, the scopes Glue supports (got ${unsupported.join(', ')})`);
      }
      const names = props.scopes.map(s => s.name);
      const repeated = names.filter((name, i) => names.indexOf(name) !== i);
      if (repeated.length > 0) invalid(this, `scopes must not repeat a scope (got ${repeated.join(', ')} more than once)`);
    }
    claimOncePerStack(this, 'glue-identity-center-configuration', existing =>
      `this stack already has a GlueIdentityCenterConfiguration (${existing.node.path}): Glue allows one per account and region; `
      + 'import the existing one with GlueIdentityCenterConfiguration.fromApplicationArn');
    this.instance = props.instance;
    this.scopes = props.scopes ?? GLUE_SCOPES.map(name => AccessScope.of(name));
    const resource = new glue.CfnIdentityCenterConfiguration(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      scopes: this.scopes.map(s => s.name),
      userBackgroundSessionsEnabled: props.userBackgroundSessions ?? false,
    });
    this.identityCenterApplication = IdentityCenterApplication.fromApplicationArn(this, 'Application', resource.attrApplicationArn);
  }
}


import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import * as quicksight from 'aws-cdk-lib/aws-quicksight';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import {
  AccessScope,
  ApplicationGrant,
  AthenaIdentityCenterWorkGroup,
  EmrIdentityCenterSecurityConfiguration,
  EmrStudio,
  EmrTlsCertificates,
  IdentityCenterApplication,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  QuickSightDataSource,
  QuickSightDataSourceConnection,
  QuickSightIdentityPropagation,
  QuickSightPropagationService,
  RedshiftApplicationType,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
  TipChecks,
} from '../../src';
import { RULES } from '../../src/doctor/rules';
import { GROUP_ID, INSTANCE_ARN, OTHER_INSTANCE_ARN } from '../util/fixtures';
import { testStack } from '../util/synth';

interface Finding {
  readonly rule: string;
  readonly level: string;
  readonly path: string;
  readonly message: string;
}

/** The TipChecks findings of the app of `stack`, with the aspect added to the app. */
function findings(stack: Stack): Finding[] {
  const app = stack.node.root as App;
  Aspects.of(app).add(new TipChecks());
  return app.synth().stacks.flatMap(s => s.messages)
    .map(m => ({ level: m.level, path: m.id, message: String(m.entry.data) }))
    .filter(m => m.message.startsWith('[TIP'))
    .map(m => ({ ...m, rule: /^\[(TIP\d+)\]/.exec(m.message)![1] }));
}

function rules(stack: Stack): string[] {
  return findings(stack).map(f => f.rule);
}

/**
 * A stack without the schema validation of \`testStack\`, for raw resources whose types
 * aws-cdk-lib's bundled schemas lack (AWS::Redshift::RedshiftIdcApplication).
 */
function rawStack(): Stack {
  return new Stack(new App(), 'TestStack', { env: { account: '111122223333', region: 'us-east-1' } });
}

function setup(): { stack: Stack; instance: IIdentityCenterInstance } {
  const stack = testStack();
  return { stack, instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN) };
}

/** A raw trust policy for `service`, with `sts:SetContext` or without. */
function trust(service: string, setContext: boolean) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: setContext ? ['sts:AssumeRole', 'sts:SetContext'] : 'sts:AssumeRole' }],
  };
}

/** An Identity Center enabled Athena workgroup with Lake Formation and S3 Access Grants beside it. */
function athenaChain(stack: Stack, instance: IIdentityCenterInstance, props: { executionRole?: iam.IRole } = {}) {
  const bucket = new s3.Bucket(stack, 'Results', { enforceSSL: true });
  const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
  const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
  s3AccessGrants.addLocation('Results', { bucket });
  return new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, resultsBucket: bucket, lakeFormation, s3AccessGrants, ...props });
}

/** An Athena workgroup whose Lake Formation and S3 Access Grants are on another instance. */
function brokenWorkGroupStack(): Stack {
  const { stack, instance } = setup();
  const otherInstance = IdentityCenterInstance.fromInstanceArn(stack, 'OtherInstance', OTHER_INSTANCE_ARN);
  const bucket = new s3.Bucket(stack, 'Results', { enforceSSL: true });
  const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance: otherInstance });
  s3AccessGrants.addLocation('Results', { bucket });
  new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
    instance,
    resultsBucket: bucket,
    lakeFormation: new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance: otherInstance }),
    s3AccessGrants,
  });
  return stack;
}

describe('TipChecks', () => {
  test('every rule has an id, a summary and an AWS documentation page', () => {
    expect(RULES.map(r => r.id)).toEqual(RULES.map((_r, i) => `TIP${i + 1}`));
    for (const rule of RULES) expect(rule.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  test('a finding names the rule, the resource, what is missing and the AWS page', () => {
    const { stack, instance } = setup();
    new IdentityCenterApplication(stack, 'App', { instance, grants: [ApplicationGrant.jwtBearer({ issuer: issuer(stack, instance), audiences: ['web'] })] });

    const [finding] = findings(stack).filter(f => f.rule === 'TIP3');
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('/TestStack/App/Configuration/Default');
    expect(finding.message).toMatch(/^\[TIP3\] TestStack\/App\/Configuration\/Default: application AppConfiguration\w+ has a JWT bearer grant and lacks an IAM/);
    expect(finding.message).toContain('See https://docs.aws.amazon.com/singlesignon/latest/userguide/using-apps-with-trusted-token-issuer.html');
  });

  describe('TIP1: identity-enhanced roles trust sts:SetContext', () => {
    test.each([
      ['a Redshift IdC application role', 'redshift.amazonaws.com', (stack: Stack, roleArn: string) => new redshift.CfnRedshiftIdcApplication(stack, 'Redshift', {
        idcInstanceArn: INSTANCE_ARN, iamRoleArn: roleArn, idcDisplayName: 'redshift', redshiftIdcApplicationName: 'redshift',
      })],
      ['an S3 Access Grants location role, with Identity Center on the instance', 'access-grants.s3.amazonaws.com', (stack: Stack, roleArn: string) => {
        new s3.CfnAccessGrantsInstance(stack, 'Grants', { identityCenterArn: INSTANCE_ARN });
        new s3.CfnAccessGrantsLocation(stack, 'Location', { iamRoleArn: roleArn, locationScope: 's3://data/' });
      }],
      ['a Lake Formation data location role, with Lake Formation on Identity Center', 'lakeformation.amazonaws.com', (stack: Stack, roleArn: string) => {
        new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance: IdentityCenterInstance.fromInstanceArn(stack, 'I', INSTANCE_ARN) });
        new lakeformation.CfnResource(stack, 'Location', { resourceArn: 'arn:aws:s3:::data', useServiceLinkedRole: false, roleArn });
      }],
      ['an EMR Studio user role, with trusted identity propagation on', 'elasticmapreduce.amazonaws.com', (stack: Stack, roleArn: string) =>
        new emr.CfnStudio(stack, 'Studio', {
          name: 'studio',
          authMode: 'SSO',
          idcInstanceArn: INSTANCE_ARN,
          trustedIdentityPropagationEnabled: true,
          userRole: roleArn,
          serviceRole: 'arn:aws:iam::111122223333:role/studio-service',
          defaultS3Location: 's3://workspaces/',
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0'],
          workspaceSecurityGroupId: 'sg-01234567',
          engineSecurityGroupId: 'sg-89abcdef',
        })],
      ['the Identity Center role of an EMR security configuration', 'ec2.amazonaws.com', (stack: Stack, roleArn: string) =>
        new emr.CfnSecurityConfiguration(stack, 'Security', {
          securityConfiguration: {
            AuthenticationConfiguration: {
              IdentityCenterConfiguration: {
                EnableIdentityCenter: true, IdentityCenterInstanceARN: INSTANCE_ARN, IAMRoleForEMRIdentityCenterApplicationARN: roleArn,
              },
            },
            EncryptionConfiguration: { EnableInTransitEncryption: true },
          },
        })],
    ])('fires on %s of raw L1 resources without sts:SetContext, and not with it', (_what, service, use) => {
      const broken = rawStack();
      use(broken, new iam.CfnRole(broken, 'Role', { assumeRolePolicyDocument: trust(service, false) }).attrArn);
      expect(findings(broken)).toEqual([expect.objectContaining({ rule: 'TIP1', level: 'error', path: '/TestStack/Role' })]);
      expect(findings(broken)[0].message).toMatch(new RegExp(`does not trust (${service}[^;]*|its caller) with sts:SetContext`));
      expect(findings(broken)[0].message).toMatch(/See https:\/\/docs\.aws\.amazon\.com\/(singlesignon|AmazonS3|lake-formation|emr)\//);

      const fixed = rawStack();
      use(fixed, new iam.CfnRole(fixed, 'Role', { assumeRolePolicyDocument: trust(service, true) }).attrArn);
      expect(rules(fixed)).not.toContain('TIP1');
    });

    test('fires on an Athena workgroup given an execution role that Athena may only assume', () => {
      const { stack, instance } = setup();
      athenaChain(stack, instance, { executionRole: new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('athena.amazonaws.com') }) });
      expect(findings(stack)).toEqual([expect.objectContaining({ rule: 'TIP1', path: '/TestStack/Plain/Resource' })]);
    });

    test('is silent on the roles this library makes', () => {
      const { stack, instance } = setup();
      athenaChain(stack, instance);
      new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'redshift' });
      new EmrStudio(stack, 'Studio', {
        instance,
        vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
          vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'],
        }),
      });
      new EmrIdentityCenterSecurityConfiguration(stack, 'EmrSecurity', {
        instance, lakeFormation: true, tlsCertificates: EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'Certificates', { enforceSSL: true }), 'certs.zip'),
      });
      expect(rules(stack)).toEqual([]);
    });

    test('leaves S3 Access Grants locations alone when no instance has Identity Center', () => {
      const stack = testStack();
      new s3.CfnAccessGrantsInstance(stack, 'Grants', {});
      const role = new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust('access-grants.s3.amazonaws.com', false) });
      new s3.CfnAccessGrantsLocation(stack, 'Location', { iamRoleArn: role.attrArn, locationScope: 's3://data/' });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP2: an Athena workgroup has Lake Formation and S3 Access Grants in the app', () => {
    test('fires when both are on another instance, naming both', () => {
      const stack = brokenWorkGroupStack();
      const [finding] = findings(stack);
      expect(finding).toMatchObject({ rule: 'TIP2', level: 'error', path: '/TestStack/WorkGroup/Resource/Default' });
      expect(finding.message).toMatch(/the app lacks Lake Formation with Identity Center on its instance .* and an S3 Access Grants instance with Identity Center on its instance/);
    });

    test('counts pieces imported from another app', () => {
      const { stack, instance } = setup();
      new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', {
        instance,
        resultsBucket: s3.Bucket.fromBucketName(stack, 'Results', 'results'),
        lakeFormation: LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'LakeFormation', {
          identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444',
        }),
        s3AccessGrants: S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn(stack, 'Grants', 'arn:aws:s3:us-east-1:111122223333:access-grants/default'),
      });
      expect(rules(stack)).toEqual([]);
    });

    test('is silent with both in the app', () => {
      const { stack, instance } = setup();
      athenaChain(stack, instance);
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP3: a JWT bearer application has an IAM authentication method and a scope', () => {
    test('fires without them, naming both', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App', { instance, grants: [ApplicationGrant.jwtBearer({ issuer: issuer(stack, instance), audiences: ['web'] })] });
      const found = findings(stack).filter(f => f.rule === 'TIP3');
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('lacks an IAM authentication method (allowTokenExchange() (in Python: allow_token_exchange())) '
        + 'and an access scope (addAccessScope() (in Python: add_access_scope()))');
    });

    test('fires with a scope and no IAM authentication method', () => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, grants: [ApplicationGrant.jwtBearer({ issuer: issuer(stack, instance), audiences: ['web'] })] });
      app.addAccessScope(AccessScope.REDSHIFT_CONNECT);
      expect(findings(stack).filter(f => f.rule === 'TIP3').map(f => f.message)).toEqual([expect.not.stringContaining('access scope')]);
    });

    test('is silent with both, and on applications without a JWT bearer grant', () => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, grants: [ApplicationGrant.jwtBearer({ issuer: issuer(stack, instance), audiences: ['web'] })] });
      app.addAccessScope(AccessScope.REDSHIFT_CONNECT);
      app.allowTokenExchange(new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
      app.assignGroup(GROUP_ID);
      new IdentityCenterApplication(stack, 'Plain', { instance, assignmentRequired: false });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP4: an application that requires assignments has one', () => {
    test('warns without an assignment, with an id CDK can acknowledge', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App', { instance });
      expect(findings(stack)).toEqual([expect.objectContaining({ rule: 'TIP4', level: 'warning', path: '/TestStack/App/Configuration/Default' })]);
      expect(findings(stack)[0].message).toContain('[ack: cdk-trusted-identity-propagation:TIP4]');
    });

    test('is silent with an assignment, or when assignments are not required', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App', { instance }).assignGroup(GROUP_ID);
      new IdentityCenterApplication(stack, 'Open', { instance, assignmentRequired: false });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP5: a QuickSight data source with propagation has QuickSight propagation for its service', () => {
    test.each([
      ['Redshift', QuickSightDataSourceConnection.redshiftCluster('sales', 'dev'), QuickSightPropagationService.REDSHIFT],
      ['Athena', QuickSightDataSourceConnection.athenaWorkGroup('analysts'), QuickSightPropagationService.ATHENA],
    ])('%s: fires without it, and is silent with it', (_name, connection, service) => {
      const broken = testStack();
      new QuickSightDataSource(broken, 'Source', { dataSourceName: 'sales', connection });
      expect(findings(broken)).toEqual([expect.objectContaining({ rule: 'TIP5', path: '/TestStack/Source/Resource' })]);
      expect(findings(broken)[0].message).toContain(`QuickSight identity propagation for ${service}`);

      const fixed = testStack();
      new QuickSightDataSource(fixed, 'Source', { dataSourceName: 'sales', connection });
      new QuickSightIdentityPropagation(fixed, 'Propagation', { service });
      expect(rules(fixed)).toEqual([]);
    });

    test('propagation for another service does not count', () => {
      const stack = testStack();
      new QuickSightDataSource(stack, 'Source', { dataSourceName: 'sales', connection: QuickSightDataSourceConnection.athenaWorkGroup('analysts') });
      new QuickSightIdentityPropagation(stack, 'Propagation', { service: QuickSightPropagationService.REDSHIFT });
      expect(rules(stack)).toEqual(['TIP5']);
    });

    test('a raw data source without propagation is not its business', () => {
      const stack = testStack();
      new quicksight.CfnDataSource(stack, 'Source', {
        awsAccountId: '111122223333',
        dataSourceId: 'plain',
        name: 'plain',
        type: 'ATHENA',
        dataSourceParameters: { athenaParameters: { workGroup: 'primary' } },
      });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP6: Lakehouse Redshift applications', () => {
    test('fires on a raw Lakehouse application without its integrations, naming the three', () => {
      const stack = rawStack();
      const role = new iam.CfnRole(stack, 'Role', { assumeRolePolicyDocument: trust('redshift.amazonaws.com', true) });
      new redshift.CfnRedshiftIdcApplication(stack, 'Redshift', {
        idcInstanceArn: INSTANCE_ARN, iamRoleArn: role.attrArn, idcDisplayName: 'lake', redshiftIdcApplicationName: 'lake', applicationType: 'Lakehouse',
      });
      const [finding] = findings(stack);
      expect(finding).toMatchObject({ rule: 'TIP6', path: '/TestStack/Redshift' });
      expect(finding.message).toContain('lacks its Lake Formation query integration, its Redshift connect integration, Lake Formation with Identity Center');
    });

    test('is silent on a complete Lakehouse, and fires on a second one', () => {
      const { stack, instance } = setup();
      new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, redshiftConnect: true });
      const lakehouse = { instance, idcDisplayName: 'lakehouse', applicationType: RedshiftApplicationType.LAKEHOUSE, lakeFormationQuery: true, redshiftConnect: true };
      new RedshiftIdcApplication(stack, 'First', lakehouse);
      expect(rules(stack)).toEqual([]);

      const again = setup();
      new LakeFormationIdentityCenterConfiguration(again.stack, 'LakeFormation', { instance: again.instance, redshiftConnect: true });
      new RedshiftIdcApplication(again.stack, 'First', { ...lakehouse, instance: again.instance });
      new RedshiftIdcApplication(again.stack, 'Second', { ...lakehouse, instance: again.instance });
      expect(findings(again.stack)).toEqual([expect.objectContaining({ rule: 'TIP6', path: '/TestStack/Second/Resource' })]);
      expect(findings(again.stack)[0].message).toContain('second Lakehouse application');
    });

    test('fires when Lake Formation does not turn on Redshift connect', () => {
      const { stack, instance } = setup();
      new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
      new RedshiftIdcApplication(stack, 'First', { instance, idcDisplayName: 'lakehouse', applicationType: RedshiftApplicationType.LAKEHOUSE, lakeFormationQuery: true, redshiftConnect: true });
      expect(findings(stack).map(f => f.message)).toEqual([expect.stringMatching(/lacks Lake Formation with Identity Center on its instance and Redshift connect/)]);
    });

    test('counts a Lake Formation configuration imported from another app', () => {
      const { stack, instance } = setup();
      LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes(stack, 'LakeFormation', {
        identityCenterApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444',
      });
      new RedshiftIdcApplication(stack, 'First', { instance, idcDisplayName: 'lakehouse', applicationType: RedshiftApplicationType.LAKEHOUSE, lakeFormationQuery: true, redshiftConnect: true });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP7: access scope targets are applications of the same instance', () => {
    function withTarget(target: (stack: Stack) => IdentityCenterApplication | string): Stack {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, assignmentRequired: false });
      const resolved = target(stack);
      app.addAccessScope(AccessScope.REDSHIFT_CONNECT, [typeof resolved === 'string' ? IdentityCenterApplication.fromApplicationArn(stack, 'Target', resolved) : resolved]);
      return stack;
    }

    test('fires on an application of another instance in the app', () => {
      const stack = withTarget(s => new IdentityCenterApplication(s, 'Other', {
        instance: IdentityCenterInstance.fromInstanceArn(s, 'OtherInstance', OTHER_INSTANCE_ARN), assignmentRequired: false,
      }));
      expect(findings(stack).map(f => f.message)).toEqual([expect.stringContaining('is an application of another instance')]);
    });

    test('fires on an application ARN of another instance', () => {
      const stack = withTarget(() => 'arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-1111222233334444');
      expect(findings(stack).map(f => f.message)).toEqual([expect.stringContaining('belongs to instance ssoins-5555666677778888, not ssoins-1111222233334444')]);
    });

    test('fires on something that is not an application', () => {
      const stack = withTarget(s => new iam.Role(s, 'NotAnApplication', { assumedBy: new iam.AccountRootPrincipal() }).roleArn);
      expect(findings(stack).map(f => f.message)).toEqual([expect.stringContaining('is Arn of AWS::IAM::Role NotAnApplication')]);
    });

    test('is silent on applications of the same instance, in the app or by ARN', () => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, assignmentRequired: false });
      app.addAccessScope(AccessScope.REDSHIFT_CONNECT, [
        new IdentityCenterApplication(stack, 'Same', { instance, assignmentRequired: false }),
        new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'redshift' }).identityCenterApplication,
        IdentityCenterApplication.fromApplicationArn(stack, 'ByArn', 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444'),
      ]);
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('TIP8: an EMR security configuration with Identity Center has in-transit encryption', () => {
    const identityCenter = {
      AuthenticationConfiguration: { IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceARN: INSTANCE_ARN } },
    };
    /** A security configuration with `json`, as an object or, the way CloudFormation also takes it, as a JSON string. */
    function securityConfiguration(stack: Stack, json: object, asString: boolean): void {
      const resource = new emr.CfnSecurityConfiguration(stack, 'Security', { securityConfiguration: json });
      if (asString) resource.addPropertyOverride('SecurityConfiguration', JSON.stringify(json));
    }

    test.each([false, true])('fires without it, and is silent with it (as a string: %s)', asString => {
      const broken = testStack();
      securityConfiguration(broken, identityCenter, asString);
      expect(findings(broken)).toEqual([expect.objectContaining({ rule: 'TIP8', path: '/TestStack/Security' })]);

      const fixed = testStack();
      securityConfiguration(fixed, { ...identityCenter, EncryptionConfiguration: { EnableInTransitEncryption: true } }, asString);
      expect(rules(fixed)).toEqual([]);
    });

    test('leaves security configurations without Identity Center alone', () => {
      const stack = testStack();
      new emr.CfnSecurityConfiguration(stack, 'Security', { securityConfiguration: { EncryptionConfiguration: { EnableInTransitEncryption: false } } });
      expect(rules(stack)).toEqual([]);
    });
  });

  describe('acknowledgements', () => {
    test('silence one rule on a construct and everything under it', () => {
      const stack = brokenWorkGroupStack();
      TipChecks.acknowledge(stack.node.findChild('WorkGroup'), 'TIP2', 'Lake Formation and S3 Access Grants are set up by the platform app');
      expect(rules(stack)).toEqual([]);
    });

    test('another rule\'s acknowledgement does not silence it', () => {
      const stack = brokenWorkGroupStack();
      TipChecks.acknowledge(stack, 'TIP1', 'Roles are checked by the platform team');
      expect(rules(stack)).toEqual(['TIP2']);
    });

    test('need a known rule id and a reason', () => {
      const stack = testStack();
      expect(() => TipChecks.acknowledge(stack, 'TIP99', 'because it is fine here')).toThrow('TestStack: TipChecks.acknowledge ruleId must be one of TIP1');
      expect(() => TipChecks.acknowledge(stack, 'TIP2', 'ok')).toThrow('TipChecks.acknowledge reason must say why TIP2 does not apply, in at least 10 characters (got "ok")');
    });
  });

  test('checks the app as other aspects leave it, and does not change the templates', () => {
    const { stack, instance } = setup();
    const application = new IdentityCenterApplication(stack, 'App', {
      instance, assignmentRequired: false, grants: [ApplicationGrant.jwtBearer({ issuer: issuer(stack, instance), audiences: ['web'] })],
    });
    application.allowTokenExchange(new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    // An aspect that runs after TipChecks adds the scope TIP3 asks for.
    const addScope = { visit: (node: IConstruct) => { if (node === application) application.addAccessScope(AccessScope.REDSHIFT_CONNECT); } };
    Aspects.of(stack).add(addScope, { priority: 600 });

    expect(rules(stack)).toEqual([]);
    const configuration = Object.values<any>(stack.node.root.node.findChild('TestStack') && (stack.node.root as App).synth().getStackByName('TestStack').template.Resources)
      .find(r => r.Type === 'Custom::IdentityCenterApplicationConfiguration');
    expect(configuration.Properties.AccessScopes).toEqual([{ Scope: 'redshift:connect' }]);
  });

  test('checks only what is under the construct it was added to, with the whole app in view', () => {
    const app = new App();
    const platform = new Stack(app, 'Platform');
    const team = new Stack(app, 'Team');
    const instance = IdentityCenterInstance.fromInstanceArn(team, 'Instance', INSTANCE_ARN);
    new IdentityCenterApplication(platform, 'Unassigned', { instance: IdentityCenterInstance.fromInstanceArn(platform, 'Instance', INSTANCE_ARN) });
    new IdentityCenterApplication(team, 'AlsoUnassigned', { instance });
    Aspects.of(team).add(new TipChecks());
    const messages = app.synth().stacks.flatMap(s => s.messages).map(m => m.id);
    expect(messages).toEqual(['/Team/AlsoUnassigned/Configuration/Default']);
  });
});

function issuer(stack: Stack, instance: IIdentityCenterInstance) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TrustedTokenIssuer } = require('../../src') as typeof import('../../src');
  return new TrustedTokenIssuer(stack, 'Issuer', { instance, issuerUrl: 'https://idp.example.com' });
}

import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addExampleStacks, EXAMPLE_INSTANCE_ARN } from '../examples/app';
import { IdentityCenterApplication, IdentityCenterInstance, TipChecks } from '../src';
import { synth } from './util/synth';

/** The example app with cdk-nag's AWS Solutions pack: any unacknowledged finding fails synthesis. */
function exampleApp(): { app: App; stacks: ReturnType<typeof addExampleStacks> } {
  const app = new App({ context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true } });
  const stacks = addExampleStacks(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

/** Asset hashes change with every handler build; the snapshot is about the template's shape. */
function maskAssetHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}\.zip/g, '[asset].zip'));
}

const { stacks } = exampleApp();
// synth() runs aws-cdk-lib's schema checks and cdk-nag, and queues the template for cfn-lint.
const templates = Object.fromEntries(stacks.map(stack => [stack.stackName, synth(stack).toJSON()]));

describe('example app', () => {
  test('has one stack per use case', () => {
    expect(Object.keys(templates)).toEqual(['CustomAppRedshift', 'QuickSightRedshift', 'CustomAppAthenaLakehouse', 'QueryEditorLakeFormation',
      'EmrStudioLakeFormation', 'CustomAppEmrServerless', 'CustomAppGlue', 'SqlClientsAthenaLakehouse', 'TransferWebApp']);
  });

  test.each(Object.keys(templates))('%s matches its snapshot', name => {
    expect(maskAssetHashes(templates[name])).toMatchSnapshot();
  });

  test('passes cdk-nag AwsSolutionsChecks with zero unacknowledged findings, and cdk-nag is really checking', () => {
    // The templates above synthesized with the pack on; the same pack fails a role it would flag.
    const { app, stacks: [first] } = exampleApp();
    new iam.Role(first, 'Unreviewed', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/AdministratorAccess\]/);
  });

  test('every acknowledgement of the library names a reason', () => {
    const acknowledged = stacks.flatMap((stack: Stack) => stack.node.findAll()
      .flatMap(c => c.node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map(m => m.data as Record<string, string>)))
      .flatMap(data => Object.entries(data));
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/^(AwsSolutions::AwsSolutions-(IAM[45]\[.+\]|S1|EMR[456])|CloudFormation-Validate::F3006)$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  test('turns TipChecks on, and every stack is clean under it', () => {
    const { app, stacks: [first] } = exampleApp();
    expect(Aspects.of(app).all.some(aspect => aspect instanceof TipChecks)).toBe(true);
    const findings = app.synth().stacks.flatMap(stack => stack.messages).filter(m => String(m.entry.data).startsWith('[TIP'));
    expect(findings).toEqual([]);
    // The same rules fire on a broken chain in the same app.
    const broken = exampleApp();
    new IdentityCenterApplication(broken.stacks[0], 'Unassigned', { instance: IdentityCenterInstance.fromInstanceArn(broken.stacks[0], 'I', EXAMPLE_INSTANCE_ARN) });
    expect(broken.app.synth().stacks.flatMap(stack => stack.messages).map(m => String(m.entry.data))).toContainEqual(expect.stringMatching(/^\[TIP4\] CustomAppRedshift\/Unassigned/));
    expect(first).toBeDefined();
  });

  test('the lakehouse stack verifies its deployed chain and outputs the report', () => {
    const template = templates.CustomAppAthenaLakehouse;
    const [verification] = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'Custom::TipVerification');
    expect(verification[1].Properties.Links.map((l: any) => l.Link)).toEqual(
      ['IdentityCenterInstance', 'LakeFormation', 'S3AccessGrants', 'AthenaWorkGroup', 'TrustedTokenIssuer', 'Application']);
    expect(template.Outputs.TrustChainReport.Value).toEqual({ 'Fn::GetAtt': [verification[0], 'Report'] });
  });

  test('each stack draws its use case', () => {
    const diagrams = Object.fromEntries(stacks.map(stack => [stack.stackName, stack.useCase.toMermaid()]));

    expect(diagrams.CustomAppRedshift).toContain('  backend -->|"redshift:connect"| redshift[("Redshift, roles AWSIDC:&lt;group&gt;")]\n');
    expect(diagrams.QuickSightRedshift).toContain('  client -->|"identity propagation"| redshift[("Redshift, roles AWSIDC:&lt;group&gt;")]\n');
    expect(diagrams.CustomAppAthenaLakehouse).toContain('| athena[("Athena workgroup analysts")]\n  athena -->|"authorized by"| auth{{"Lake Formation + S3 Access Grants"}}\n');
    expect(diagrams.QueryEditorLakeFormation).toContain('  client(["Redshift Query Editor v2"])\n');
    expect(diagrams.QueryEditorLakeFormation).toContain('redshift -->|"authorized by"| auth{{"Lake Formation"}}');
    expect(diagrams.EmrStudioLakeFormation).toContain('  client(["EMR Studio"])\n');
    expect(diagrams.EmrStudioLakeFormation).toContain('  emrec2 -->|"authorized by"| auth{{"Lake Formation"}}\n');
    expect(diagrams.CustomAppEmrServerless).toContain(
      '  backend -->|"lakeformation:query, s3:access_grants:read_write"| emrserverless[("EMR Serverless notebooks, Livy endpoint")]\n');
    expect(diagrams.CustomAppGlue).toContain('  backend -->|"lakeformation:query"| glue[("Glue 5.0 interactive sessions")]\n');
  });

  test('the SQL clients stack outputs its connection strings and tags the workgroup for the drivers', () => {
    const template = templates.SqlClientsAthenaLakehouse;
    expect(Object.keys(template.Outputs).map(id => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(expect.arrayContaining([
      'UseCaseAthenaWorkGroupArn', 'UseCaseAthenaApplicationRoleArn', 'UseCaseIdpWellKnownConfigurationUrl', 'UseCaseAthenaRegion',
      'UseCaseAthenaJdbcUrl', 'UseCaseAthenaOdbcConnectionString',
    ]));
    const [workGroup] = Object.values<any>(template.Resources).filter(r => r.Type === 'Custom::AthenaIdentityCenterWorkGroup');
    expect(workGroup.Properties.Tags).toEqual([{ Key: 'AthenaDriverOidcAppArn', Value: { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseApplication/), 'ApplicationArn'] } }]);
  });

  test('the EMR Studio stack runs its cluster with the Identity Center security configuration and gives the Studio URL', () => {
    const template = templates.EmrStudioLakeFormation;
    const [cluster] = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::EMR::Cluster');
    const [configuration] = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::EMR::SecurityConfiguration');
    expect(cluster.Properties.SecurityConfiguration).toEqual({ Ref: configuration[0] });
    expect(cluster.Properties.JobFlowRole).toEqual({ Ref: expect.stringMatching(/^SparkSecurityInstanceProfile/) });
    expect(cluster.Properties.Instances.AdditionalMasterSecurityGroups).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^StudioEngineSecurityGroup/), 'GroupId'] }]);
    expect(template.Outputs.StudioUrl.Value).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Studio/), 'Url'] });
    expect(Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::EMR::StudioSessionMapping').map(r => r.Properties.IdentityName))
      .toEqual(['Data Scientists']);
  });

  test('the lakehouse stack grants the analysts their Athena results and assigns them to the workgroup', () => {
    const resources = Object.values<any>(templates.CustomAppAthenaLakehouse.Resources);
    expect(resources.filter(r => r.Type === 'AWS::S3::AccessGrant').map(r => r.Properties)).toEqual([{
      AccessGrantsLocationId: { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseS3AccessGrantsAthenaResults/), 'AccessGrantsLocationId'] },
      Grantee: { GranteeType: 'DIRECTORY_GROUP', GranteeIdentifier: { Ref: 'AnalystsGroupId' } },
      Permission: 'READWRITE',
    }]);
    expect(resources.filter(r => r.Type === 'AWS::SSO::ApplicationAssignment').map(r => r.Properties.ApplicationArn)).toEqual(expect.arrayContaining([
      { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseAthenaWorkGroup/), 'IdentityCenterApplicationArn'] },
      { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseApplication/), 'ApplicationArn'] },
    ]));
  });
});

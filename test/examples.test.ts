import { App } from 'aws-cdk-lib';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { addExampleStacks } from '../examples/app';
import { trustChainMermaid } from '../examples/trust-chain';
import { synth } from './util/synth';

function exampleTemplates(): Record<string, any> {
  const app = new App({ context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true } });
  return Object.fromEntries(addExampleStacks(app).map(stack => [stack.stackName, synth(stack).toJSON()]));
}

/** Asset hashes change with every handler build; the snapshot is about the template's shape. */
function maskAssetHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}\.zip/g, '[asset].zip'));
}

const templates = exampleTemplates();

describe('example app', () => {
  test.each(Object.keys(templates))('%s matches its snapshot', name => {
    expect(maskAssetHashes(templates[name])).toMatchSnapshot();
  });

  test('CustomAppIdentityCenter draws the chain from Okta to the scopes', () => {
    const diagram = trustChainMermaid(templates.CustomAppIdentityCenter);

    expect(diagram.split('\n')).toEqual(expect.arrayContaining([
      'flowchart LR',
      expect.stringMatching(/^ {2}idp_Okta\w+\[\/"IdP https:\/\/example\.okta\.com\/oauth2\/default"\/\]$/),
      expect.stringMatching(/^ {2}idp_Okta\w+ -->\|"email = emails\.value"\| Okta\w+$/),
      expect.stringMatching(/^ {2}Okta\w+ -->\|"jwt-bearer, aud 0oa1analyticsweb"\| AnalyticsApp\w+$/),
      expect.stringMatching(/^ {2}BackendRole\w+\{\{"IAM BackendRole\w+"\}\} -->\|CreateTokenWithIAM\| AnalyticsApp\w+$/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"redshift:connect"\| n_any_application_of_the_instance$/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"lakeformation:query"\|/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"s3:access_grants:read_write"\|/),
    ]));
  });

  test('QuickSightRedshift propagates from QuickSight to the Redshift application of the namespace', () => {
    const template = templates.QuickSightRedshift;
    const diagram = trustChainMermaid(template);

    expect(diagram).toMatch(/quicksight -->\|"propagates to REDSHIFT"\| RedshiftIdc\w+\n/);
    expect(diagram).toMatch(/RedshiftIdc\w+ -->\|"attached"\| Namespace\[\("Redshift Serverless sales"\)\]/);
    const namespace = template.Resources.Namespace.Properties;
    expect(namespace.RedshiftIdcApplicationArn['Fn::GetAtt'][1]).toBe('RedshiftIdcApplicationArn');
    const source = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::QuickSight::DataSource').Properties;
    expect(source.DataSourceParameters.RedshiftParameters.IdentityCenterConfiguration).toEqual({ EnableIdentityPropagation: true });
  });

  test('SqlClientsRedshiftCluster lets Okta tokens reach the cluster', () => {
    const diagram = trustChainMermaid(templates.SqlClientsRedshiftCluster);

    expect(diagram).toMatch(/Okta\w+ -->\|"aud 0oa1dbeaver, 0oa1tableau"\| RedshiftIdc\w+\n/);
    expect(diagram).toMatch(/RedshiftIdc\w+ -->\|"identity provider okta-idc"\| ClusterIdentityProvider\w+\[\("Redshift cluster Cluster"\)\]/);
  });

  test('CustomAppAthenaLakehouse scopes the custom app to the workgroup and Lake Formation, after both prerequisites', () => {
    const template = templates.CustomAppAthenaLakehouse;
    const diagram = trustChainMermaid(template);

    expect(diagram).toMatch(/LakehouseApp\w+ -->\|"athena:workgroup:read_write"\| WorkGroup\w+\n/);
    expect(diagram).toMatch(/LakehouseApp\w+ -->\|"lakeformation:query"\| LakeFormation\w+\n/);
    expect(diagram).toMatch(/\{\{"DIRECTORY_GROUP AnalystsGroupId"\}\} -->\|"READWRITE via S3 Access Grants"\| AccessGrantsResults\w+\n/);
    const workGroup = Object.values<any>(template.Resources).find(r => r.Type === 'Custom::AthenaIdentityCenterWorkGroup');
    expect(workGroup.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^AccessGrants[0-9A-F]{8}$/), expect.stringMatching(/^LakeFormation[0-9A-F]{8}$/)]));
  });

  test('the diagram names authorized targets when a scope has them', () => {
    const diagram = trustChainMermaid({
      Resources: {
        Config: {
          Type: 'Custom::IdentityCenterApplicationConfiguration',
          Properties: {
            ApplicationArn: { 'Fn::GetAtt': ['App', 'ApplicationArn'] },
            AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: [{ 'Fn::GetAtt': ['Redshift', 'IdcManagedApplicationArn'] }] }],
          },
        },
      },
    });

    expect(diagram).toBe('flowchart LR\n  App -->|"redshift:connect"| Redshift\n');
  });
});

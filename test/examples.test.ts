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
      expect.stringMatching(/^ {2}idp_Okta\w+\[\/"IdP https:\/\/example\.okta\.com\/oauth2\/default"\/\] -->\|"email = emails\.value"\| Okta\w+\["Trusted token issuer /),
      expect.stringMatching(/^ {2}Okta\w+ -->\|"jwt-bearer, aud 0oa1analyticsweb"\| AnalyticsApp\w+$/),
      expect.stringMatching(/^ {2}principal_BackendRole\w+\{\{"IAM BackendRole\w+"\}\} -->\|CreateTokenWithIAM\| AnalyticsApp\w+$/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"redshift:connect"\|/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"lakeformation:query"\|/),
      expect.stringMatching(/AnalyticsApp\w+ -->\|"s3:access_grants:read_write"\|/),
    ]));
  });

  test('the diagram names authorized targets when a scope has them', () => {
    const diagram = trustChainMermaid({
      Resources: {
        Config: {
          Type: 'Custom::IdentityCenterApplicationConfiguration',
          Properties: {
            ApplicationArn: { 'Fn::GetAtt': ['App', 'ApplicationArn'] },
            AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: ['arn:aws:sso::1:application/ssoins-1/apl-1'] }],
          },
        },
      },
    });

    expect(diagram).toBe('flowchart LR\n  App -->|"redshift:connect"| scope_App_redshift_connect_0[["arn:aws:sso::1:application/ssoins-1/apl-1"]]\n');
  });
});

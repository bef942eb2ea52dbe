import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AccessScope,
  ApplicationGrant,
  IdentityCenterApplicationProvider,
  IdentityCenterApplication,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  TrustedTokenIssuer,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { synth, testStack } from '../util/synth';

const CONFIGURATION = 'Custom::IdentityCenterApplicationConfiguration';
const TARGET_ARN = 'arn:aws:sso::444455556666:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';

function setup(account = '111122223333'): { stack: Stack; instance: IIdentityCenterInstance; issuer: TrustedTokenIssuer } {
  const stack = testStack({ env: { account, region: 'us-east-1' } });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com' });
  return { stack, instance, issuer };
}

function handlerPolicy(template: Template): unknown {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('TrustedIdentityPropagationProviderHandlerServiceRole') }] },
  });
  expect(Object.keys(policies)).toHaveLength(1);
  return Object.values(policies)[0].Properties.PolicyDocument;
}

describe('IdentityCenterApplication', () => {
  test('creates a custom OAuth application and one configuration resource with safe defaults', () => {
    const { stack, instance } = setup();
    const app = new IdentityCenterApplication(stack, 'App', { instance, applicationName: 'sales-dashboard', description: 'Sales dashboards' });

    const template = synth(stack);
    template.hasResourceProperties('AWS::SSO::Application', {
      InstanceArn: INSTANCE_ARN,
      Name: 'sales-dashboard',
      Description: 'Sales dashboards',
      ApplicationProviderArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::aws:applicationProvider/custom']] },
    });
    template.resourceCountIs(CONFIGURATION, 1);
    template.hasResourceProperties(CONFIGURATION, {
      ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^App'), 'ApplicationArn'] },
      Grants: Match.absent(),
      AuthenticationMethods: Match.absent(),
      AccessScopes: Match.absent(),
      AssignmentRequired: true,
      UserBackgroundSessions: false,
    });
    expect(app.applicationName).toBe('sales-dashboard');
  });

  test('wires a JWT-bearer grant, scopes with targets, token exchange and settings for a custom app', () => {
    const { stack, instance, issuer } = setup();
    const redshift = IdentityCenterApplication.fromApplicationArn(stack, 'Redshift', TARGET_ARN);
    const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    const app = new IdentityCenterApplication(stack, 'App', {
      instance,
      assignmentRequired: false,
      userBackgroundSessions: true,
      grants: [ApplicationGrant.jwtBearer({ issuer, audiences: ['web-client'] })],
      accessScopes: [{ scope: AccessScope.REDSHIFT_CONNECT, authorizedTargets: [redshift] }],
    });
    app.addGrant(ApplicationGrant.refreshToken());
    app.addAccessScope(AccessScope.of('custom:scope'));
    const grant = app.allowTokenExchange(backend);

    const template = synth(stack);
    template.hasResourceProperties(CONFIGURATION, {
      Grants: [
        {
          GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          Grant: {
            JwtBearer: {
              AuthorizedTokenIssuers: [{
                TrustedTokenIssuerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Okta'), 'TrustedTokenIssuerArn'] },
                AuthorizedAudiences: ['web-client'],
              }],
            },
          },
        },
        { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
      ],
      AuthenticationMethods: [{
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: {
          Iam: {
            ActorPolicy: {
              Version: '2012-10-17',
              Statement: [{
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Backend'), 'Arn'] } },
                Action: 'sso-oauth:CreateTokenWithIAM',
                Resource: '*',
              }],
            },
          },
        },
      }],
      AccessScopes: [
        { Scope: 'redshift:connect', AuthorizedTargets: [TARGET_ARN] },
        { Scope: 'custom:scope' },
      ],
      AssignmentRequired: false,
      UserBackgroundSessions: true,
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Backend') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'sso-oauth:CreateTokenWithIAM',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^App'), 'ApplicationArn'] },
        }],
      },
    });
    expect(grant.success).toBe(true);
  });

  test('accepts several principals for token exchange in one actor policy', () => {
    const { stack, instance } = setup();
    const app = new IdentityCenterApplication(stack, 'App', { instance });
    app.allowTokenExchange(new iam.ArnPrincipal('arn:aws:iam::444455556666:role/web'));
    app.allowTokenExchange(new iam.ArnPrincipal('arn:aws:iam::444455556666:role/worker'));

    const properties = Object.values(synth(stack).findResources(CONFIGURATION))[0].Properties;
    const statements = properties.AuthenticationMethods[0].AuthenticationMethod.Iam.ActorPolicy.Statement;
    expect(statements.map((s: any) => s.Principal.AWS)).toEqual([
      'arn:aws:iam::444455556666:role/web',
      'arn:aws:iam::444455556666:role/worker',
    ]);
  });

  test('assigns users and groups', () => {
    const { stack, instance } = setup();
    const app = new IdentityCenterApplication(stack, 'App', { instance });
    app.assignUser('906757d3d5-11111111-2222-3333-4444-555555555555');
    app.assignGroup('a1b2c3d4-1111-2222-3333-444455556666');
    app.assignGroup(new CfnParameter(stack, 'GroupId').valueAsString);

    const template = synth(stack);
    template.resourceCountIs('AWS::SSO::ApplicationAssignment', 3);
    template.hasResourceProperties('AWS::SSO::ApplicationAssignment', {
      ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^App'), 'ApplicationArn'] },
      PrincipalType: 'USER',
      PrincipalId: '906757d3d5-11111111-2222-3333-4444-555555555555',
    });
    template.hasResourceProperties('AWS::SSO::ApplicationAssignment', { PrincipalType: 'GROUP', PrincipalId: 'a1b2c3d4-1111-2222-3333-444455556666' });
    template.hasResourceProperties('AWS::SSO::ApplicationAssignment', { PrincipalType: 'GROUP', PrincipalId: { Ref: 'GroupId' } });
  });

  test('offers only the application provider CreateApplication accepts: custom OAuth', () => {
    const { stack, instance } = setup();
    new IdentityCenterApplication(stack, 'App', { instance, applicationProvider: IdentityCenterApplicationProvider.CUSTOM_OAUTH });

    synth(stack).hasResourceProperties('AWS::SSO::Application', {
      ApplicationProviderArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::aws:applicationProvider/custom']] },
    });
    expect(Object.getOwnPropertyNames(IdentityCenterApplicationProvider).filter(name => typeof (IdentityCenterApplicationProvider as any)[name] === 'function')).toEqual([]);
  });

  describe('the handler', () => {
    test('is one provider per stack, with one policy statement per instance', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App1', { instance });
      new IdentityCenterApplication(stack, 'App2', { instance });

      const template = synth(stack);
      // One function, invoked by CloudFormation directly: no provider framework function.
      template.resourceCountIs('AWS::Lambda::Function', 1);
      template.hasResourceProperties(CONFIGURATION, { ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrustedIdentityPropagationProviderHandler'), 'Arn'] } });
      expect(handlerPolicy(template)).toEqual({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: [
            'sso:PutApplicationGrant',
            'sso:DeleteApplicationGrant',
            'sso:PutApplicationAuthenticationMethod',
            'sso:DeleteApplicationAuthenticationMethod',
            'sso:PutApplicationAccessScope',
            'sso:DeleteApplicationAccessScope',
            'sso:PutApplicationAssignmentConfiguration',
            'sso:PutApplicationSessionConfiguration',
          ],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::111122223333:application/ssoins-1111222233334444/*']] },
        }],
      });
    });

    test('each configuration depends on the policy that lets it delete itself', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App1', { instance });
      new IdentityCenterApplication(stack, 'App2', { instance });

      const template = synth(stack);
      const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
      const configurations = Object.values(template.findResources(CONFIGURATION)) as any[];
      expect(configurations).toHaveLength(2);
      for (const configuration of configurations) expect(configuration.DependsOn).toContain(policyId);
    });

    test('applications of another instance get a policy of their own', () => {
      const { stack, instance } = setup();
      const other = IdentityCenterInstance.fromInstanceArn(stack, 'Other', 'arn:aws:sso:::instance/ssoins-5555666677778888');
      new IdentityCenterApplication(stack, 'App1', { instance });
      new IdentityCenterApplication(stack, 'App2', { instance: other });

      const template = synth(stack);
      const policies = template.findResources('AWS::IAM::Policy');
      expect(Object.keys(policies)).toHaveLength(2);
      const dependencies = (Object.values(template.findResources(CONFIGURATION)) as any[]).map(c => c.DependsOn.filter((d: string) => d in policies));
      expect(dependencies[0]).toHaveLength(1);
      expect(dependencies[1]).toHaveLength(1);
      expect(dependencies[0]).not.toEqual(dependencies[1]);
    });

    test('policy is byte-for-byte the same for 1 and 50 applications', () => {
      const policyBytes = (applications: number) => {
        const { stack, instance } = setup();
        for (let i = 0; i < applications; i++) new IdentityCenterApplication(stack, `App${i}`, { instance });
        return Buffer.byteLength(JSON.stringify(handlerPolicy(synth(stack))));
      };
      const one = policyBytes(1);

      expect(policyBytes(50)).toBe(one);
      expect(one).toBeGreaterThan(0);
    });

    test('runs on the newest Node.js runtime aws-cdk-lib offers, logs with a retention and keeps no secrets in its environment', () => {
      const { stack, instance } = setup();
      new IdentityCenterApplication(stack, 'App', { instance });

      const template = synth(stack);
      const newest = Object.keys(lambda.Runtime).filter(k => /^NODEJS_\d+_X$/.test(k)).map(k => (lambda.Runtime as any)[k].name).sort().pop();
      expect(newest).toBe('nodejs24.x');
      template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: newest });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
      const functions = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
      expect(functions).toHaveLength(1);
      for (const fn of functions) {
        expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^TrustedIdentityPropagationProviderLogs/) });
        expect(Object.keys(fn.Properties.Environment?.Variables ?? {})).toEqual(expect.not.arrayContaining([expect.stringMatching(/SECRET|PASSWORD|TOKEN|KEY/i)]));
      }
    });

    test('scopes the policy to an instance whose ARN is only known at deploy time', () => {
      const { stack } = setup();
      const instance = IdentityCenterInstance.fromInstanceArn(stack, 'TokenInstance', new CfnParameter(stack, 'InstanceArn').valueAsString);
      new IdentityCenterApplication(stack, 'App', { instance });

      const statement = (handlerPolicy(synth(stack)) as any).Statement[0];
      expect(statement.Resource).toEqual({
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':sso::111122223333:application/',
          { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'InstanceArn' }] }] }, '/*',
        ]],
      });
    });
  });

  test('names the stack account only in the ARNs of the applications it creates: the instance may live in another account', () => {
    const { stack, instance, issuer } = setup('246813579024');
    const app = new IdentityCenterApplication(stack, 'App', {
      instance,
      grants: [ApplicationGrant.jwtBearer({ issuer, audiences: ['web'] })],
      accessScopes: [{ scope: AccessScope.LAKE_FORMATION_QUERY }],
    });
    app.allowTokenExchange(new iam.ArnPrincipal('arn:aws:iam::777788889999:role/web'));

    // Only the Lambda code location (the bootstrap asset bucket) may name the stack's account.
    const resources = Object.values(synth(stack).toJSON().Resources as Record<string, any>)
      .filter(resource => resource.Type !== 'AWS::Lambda::Function');
    expect(resources.length).toBeGreaterThan(5);
    const json = JSON.stringify(resources);
    expect(json).toContain(`:sso::${stack.account}:application/ssoins-1111222233334444/*`);
    expect(json.replace(`:sso::${stack.account}:application/`, '')).not.toContain(stack.account);
    expect(json).not.toContain('AWS::AccountId');
  });

  describe('imported', () => {
    test('exposes its ARN and refuses token exchange', () => {
      const stack = new Stack();
      const app = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', TARGET_ARN);

      expect(app.applicationArn).toBe(TARGET_ARN);
      expect(app.env.account).toBe('444455556666');
      expect(() => app.allowTokenExchange(new iam.AccountRootPrincipal())).toThrow(
        'Default/Imported: allowTokenExchange() (in Python: allow_token_exchange()) is not possible on an imported application: its IAM authentication method belongs to the stack or console that created it');
    });
  });

  test('does not check values that are only known at deploy time', () => {
    const { stack, instance, issuer } = setup();
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const audiences = new CfnParameter(stack, 'Audiences', { type: 'CommaDelimitedList' }).valueAsList;
    const targets = IdentityCenterApplication.fromApplicationArn(stack, 'Target', new CfnParameter(stack, 'TargetArn').valueAsString);

    const app = new IdentityCenterApplication(stack, 'App', {
      instance,
      applicationName: name,
      grants: [ApplicationGrant.jwtBearer({ issuer, audiences })],
      accessScopes: [{ scope: AccessScope.of(new CfnParameter(stack, 'Scope').valueAsString), authorizedTargets: [targets] }],
    });

    synth(stack).hasResourceProperties('AWS::SSO::Application', { Name: { Ref: 'Name' } });
    expect(app.applicationName).toBe(name);
  });

  describe('rejects', () => {
    test.each([
      ['an empty name', { applicationName: '' }, /applicationName must be 1 to 100 characters long, but is 0/],
      ['a name over 100 characters', { applicationName: 'a'.repeat(101) }, /applicationName must be 1 to 100 characters long, but is 101/],
      ['a name with spaces', { applicationName: 'sales dashboard' }, 'applicationName may contain only letters, digits and _+=,.@- (got "sales dashboard")'],
      ['a description over 128 characters', { description: 'd'.repeat(129) }, /description must be 1 to 128 characters long, but is 129/],
    ])('%s', (_name, props, message) => {
      const { stack, instance } = setup();
      expect(() => new IdentityCenterApplication(stack, 'App', { instance, ...props })).toThrow(message);
    });

    test('the same grant type twice', () => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, grants: [ApplicationGrant.refreshToken()] });
      expect(() => app.addGrant(ApplicationGrant.refreshToken())).toThrow(
        'TestStack/App: already has a refresh_token grant: an application holds at most one grant of each type');
    });

    test('the same grant type twice in props, before creating anything', () => {
      const { stack, instance, issuer } = setup();
      const jwt = (aud: string) => ApplicationGrant.jwtBearer({ issuer, audiences: [aud] });
      expect(() => new IdentityCenterApplication(stack, 'App', { instance, grants: [jwt('a'), jwt('b')] }))
        .toThrow(/already has a urn:ietf:params:oauth:grant-type:jwt-bearer grant/);
      expect(stack.node.tryFindChild('App')?.node.children).toEqual([]);
      expect(stack.node.tryFindChild('TrustedIdentityPropagationProvider')).toBeUndefined();
    });

    test('more than 25 access scopes', () => {
      const { stack, instance } = setup();
      const accessScopes = Array.from({ length: 25 }, (_, i) => ({ scope: AccessScope.of(`scope${i}`) }));
      const app = new IdentityCenterApplication(stack, 'App', { instance, accessScopes });
      expect(() => app.addAccessScope(AccessScope.of('one_more'))).toThrow(
        'TestStack/App: accessScopes may hold at most 25 scopes per application; cannot add one_more');
    });

    test('the same access scope twice', () => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance, accessScopes: [{ scope: AccessScope.REDSHIFT_CONNECT }] });
      expect(() => app.addAccessScope(AccessScope.REDSHIFT_CONNECT)).toThrow(
        'TestStack/App: already has the access scope redshift:connect: add each scope once, with all of its targets');
    });

    test.each([
      ['none', 0, 'authorizedTargets of access scope redshift:connect must have 1 to 10 entries, but has 0'],
      ['more than 10', 11, 'authorizedTargets of access scope redshift:connect must have 1 to 10 entries, but has 11'],
    ])('%s authorized targets', (_name, count, message) => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance });
      const targets = Array.from({ length: count }, (_, i) => IdentityCenterApplication.fromApplicationArn(stack, `T${i}`, TARGET_ARN));
      expect(() => app.addAccessScope(AccessScope.REDSHIFT_CONNECT, targets)).toThrow(message);
    });

    test.each([
      ['a malformed user id', 'assignUser', 'alice', 'userId must be an identity store id'],
      ['a malformed group id', 'assignGroup', 'admins', 'groupId must be an identity store id'],
    ])('%s', (_name, method, id, message) => {
      const { stack, instance } = setup();
      const app = new IdentityCenterApplication(stack, 'App', { instance }) as any;
      expect(() => app[method](id)).toThrow(`${message} such as 906757d3d5-2c2fd0d2-7b4c-4a0b-9c1d-3e2f1a0b9c8d (got "${id}")`);
    });
  });
});

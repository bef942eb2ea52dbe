import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { cfnLint } from './cfn-lint';
import { ACCOUNT, INSTANCE_ARN } from './fixtures';
import { IdentityCenterInstance, IIdentityCenterInstance } from '../../src';

/**
 * Templates synthesized by the current test file, linted together after it (see
 * test/setup-after-env.ts) so that cfn-lint checks every template the tests make.
 */
const synthesized = new Map<string, unknown>();

/**
 * A stack in an app that turns aws-cdk-lib's CloudFormation schema warnings into errors, so
 * a template finding that our constructs do not acknowledge fails the test.
 */
export function testStack(props: StackProps = {}): Stack {
  const app = new App({ context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true } });
  return new Stack(app, 'TestStack', { env: { account: ACCOUNT, region: 'us-east-1' }, ...props });
}


/** A test stack with the tests' Identity Center instance imported into it as `Instance`. */
export function stackWithInstance(): { stack: Stack; instance: IIdentityCenterInstance } {
  const stack = testStack();
  return { stack, instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN) };
}

/** Synthesizes `stack`, records its template for cfn-lint, and returns it for assertions. */
export function synth(stack: Stack): Template {
  const template = Template.fromStack(stack);
  synthesized.set(`${expect.getState().currentTestName ?? 'template'}-${synthesized.size}`, template.toJSON());
  return template;
}

/** Lints and forgets every template recorded so far; throws on any cfn-lint finding. */
export function lintSynthesizedTemplates(): void {
  const findings = cfnLint(Object.fromEntries(synthesized));
  synthesized.clear();
  if (findings.length > 0) {
    throw new Error(`cfn-lint found ${findings.length} problem(s):\n${findings
      .map(f => `${f.Rule.Id} ${f.Message} (${f.Filename} ${f.Location.Path.join('/')})`).join('\n')}`);
  }
}

import { Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { configureHandlers } from '../private/provider';
import { invalid } from '../private/validation';

/** Settings of the Lambda functions that serve this library's custom resources in a stack. */
export interface TipHandlerSettings {
  /**
   * A KMS key to encrypt the handlers' log groups with. The key policy is extended so that
   * CloudWatch Logs in the stack's Region may use the key.
   *
   * @default - CloudWatch Logs encrypts the log groups with its service key
   */
  readonly logGroupEncryptionKey?: kms.IKey;

  /**
   * Reserved concurrency of each handler function, from 1. CloudFormation invokes a handler once
   * per resource event, so a few are enough.
   *
   * @default - no reserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The Lambda functions that serve this library's custom resources: one per handler family and
 * stack, made on first use (configuration, and verification for `TipVerification`).
 */
export class TipHandlers {
  /**
   * Applies `settings` to the handler functions of `scope`'s stack, those made already and those
   * made later. Settings of several calls add up; a later value of a setting replaces an earlier one.
   */
  public static configure(scope: IConstruct, settings: TipHandlerSettings): void {
    const stack = Stack.of(scope);
    const concurrency = settings.reservedConcurrentExecutions;
    if (concurrency !== undefined && !Token.isUnresolved(concurrency) && !(Number.isInteger(concurrency) && concurrency >= 1)) {
      invalid(stack, `TipHandlers.configure reservedConcurrentExecutions must be a whole number from 1 (got ${concurrency})`);
    }
    configureHandlers(stack, settings);
  }

  private constructor() {}
}

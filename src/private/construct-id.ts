import { createHash } from 'crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A construct id part for a value that names a child, such as a principal id: the value
 * itself when it is literal, else a hash of what the token resolves to, which is stable.
 */
export function idPartFor(scope: IConstruct, value: string): string {
  return Token.isUnresolved(value)
    ? createHash('sha256').update(JSON.stringify(Stack.of(scope).resolve(value))).digest('hex').slice(0, 16)
    : value;
}

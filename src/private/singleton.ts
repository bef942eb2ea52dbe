import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalid } from './validation';

const claims = new WeakMap<Stack, Map<string, Construct>>();

/**
 * Claims `key` (for example a catalog id) for `owner` in its stack, for resources AWS allows
 * once per account, region or catalog. Throws `message(existing)` when another construct of
 * the stack has claimed the key already.
 */
export function claimOncePerStack(owner: Construct, key: string, message: (existing: Construct) => string): void {
  const stack = Stack.of(owner);
  const keys = claims.get(stack) ?? new Map<string, Construct>();
  claims.set(stack, keys);
  const existing = keys.get(key);
  if (existing) invalid(owner, message(existing));
  keys.set(key, owner);
}

import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalid } from '../../private/validation';

/** An Amazon EMR release, `emr-<major>.<minor>.<patch>`. */
const RELEASE_LABEL = /^emr-(\d+)\.(\d+)\.(\d+)(-[a-z0-9.-]+)?$/;

/**
 * Fails unless `releaseLabel` is `minimum` or later, naming `prop`, the value and why AWS needs
 * that release. An unresolved label is left to the service.
 */
export function requireRelease(owner: IConstruct, prop: string, releaseLabel: string | undefined, minimum: string, why: string): void {
  if (releaseLabel === undefined || Token.isUnresolved(releaseLabel)) return;
  const given = RELEASE_LABEL.exec(releaseLabel);
  if (!given) invalid(owner, `${prop} must be an Amazon EMR release label such as ${minimum} (got "${releaseLabel}")`);
  const wanted = RELEASE_LABEL.exec(minimum)!;
  const [a, b] = [given, wanted].map(match => [1, 2, 3].map(i => Number(match[i])));
  const order = a.map((part, i) => part - b[i]).find(difference => difference !== 0) ?? 0;
  if (order < 0) invalid(owner, `${prop} must be ${minimum} or later: ${why} (got "${releaseLabel}")`);
}

import { Lazy } from 'aws-cdk-lib';

/**
 * A custom resource's properties as its handler receives them: CloudFormation delivers every
 * boolean and number, at any depth, as a string.
 */
export type Wire<T> =
  T extends boolean | number ? string
    : T extends readonly (infer U)[] ? Wire<U>[]
      : T extends object ? { readonly [K in keyof T]: Wire<T[K]> }
        : T;

/** A property value that is produced when the template is written, typed as what it produces. */
export function lazyProperty<T>(produce: () => T | undefined): T {
  return Lazy.any({ produce }, { omitEmptyArray: true }) as unknown as T;
}

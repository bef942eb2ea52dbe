/**
 * A custom resource's properties as its handler receives them: CloudFormation delivers every
 * boolean and number, at any depth, as a string.
 */
export type Wire<T> =
  T extends boolean | number ? string
    : T extends readonly (infer U)[] ? Wire<U>[]
      : T extends object ? { readonly [K in keyof T]: Wire<T[K]> }
        : T;

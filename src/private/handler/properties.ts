/** Reading custom resource properties, which CloudFormation delivers with every scalar as a string. */

export function parseBoolean(name: string, value: unknown, defaultValue: boolean): boolean {
  if (value === undefined) return defaultValue;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`${name} must be true or false (got ${JSON.stringify(value)})`);
}

export function requiredString<P extends object>(properties: P, name: keyof P & string): string {
  const value: unknown = properties[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${name} is missing from the custom resource properties (got ${JSON.stringify(value)})`);
  }
  return value;
}

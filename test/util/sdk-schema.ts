import { NormalizedSchema } from '@smithy/core/schema';

/**
 * Checks a request against the schema the AWS SDK v3 client itself serializes with: member
 * names, required members, value types, unions holding exactly one member, and enum values
 * where the client exports an enum named after the member. Returns the problems found.
 *
 * @param sdk the client module, e.g. `require('@aws-sdk/client-sso-admin')`
 * @param operation the operation name, e.g. `PutApplicationGrant`
 */
export function requestSchemaProblems(sdk: Record<string, any>, operation: string, input: unknown): string[] {
  // An operation schema is [9, namespace, name, traits, input, output]; input may be a thunk.
  const operationSchema = sdk[`${operation}$`];
  if (!Array.isArray(operationSchema) || operationSchema[0] !== 9) return [`the SDK has no operation schema for ${operation}`];
  const inputSchema = typeof operationSchema[4] === 'function' ? operationSchema[4]() : operationSchema[4];
  return check(sdk, NormalizedSchema.of(inputSchema), input, operation);
}

function check(sdk: Record<string, any>, schema: NormalizedSchema, value: unknown, path: string): string[] {
  if (value === undefined) return [];
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be a structure`];
    const raw = schema.getSchema() as unknown as [number, string, string, unknown, string[], unknown[], number?];
    const members = schema.getMemberSchemas();
    const problems: string[] = [];
    for (const key of Object.keys(value)) {
      if (!(key in members)) problems.push(`${path}.${key} is not a member of ${schema.getName()}`);
    }
    for (const required of raw[4].slice(0, raw[6] ?? 0)) {
      if ((value as any)[required] === undefined) problems.push(`${path}.${required} is required`);
    }
    if (schema.isUnionSchema()) {
      const set = Object.keys(value).filter(key => (value as any)[key] !== undefined);
      if (set.length !== 1) problems.push(`${path} is a union and must set exactly one member (sets ${set.join(', ') || 'none'})`);
    }
    for (const [key, member] of Object.entries(members)) {
      problems.push(...check(sdk, member, (value as any)[key], `${path}.${key}`));
      const enumValues = enumOf(sdk, key);
      const v = (value as any)[key];
      if (enumValues && typeof v === 'string' && !enumValues.includes(v)) {
        problems.push(`${path}.${key} must be one of ${enumValues.join(', ')} (got ${v})`);
      }
    }
    return problems;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return [`${path} must be a list`];
    return value.flatMap((item, i) => check(sdk, schema.getValueSchema(), item, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || value === null) return [`${path} must be a map`];
    return Object.entries(value).flatMap(([k, v]) => check(sdk, schema.getValueSchema(), v, `${path}.${k}`));
  }
  if (schema.isDocumentSchema()) return [];
  if (schema.isStringSchema()) return typeof value === 'string' ? [] : [`${path} must be a string (got ${JSON.stringify(value)})`];
  if (schema.isBooleanSchema()) return typeof value === 'boolean' ? [] : [`${path} must be a boolean (got ${JSON.stringify(value)})`];
  if (schema.isNumericSchema()) return typeof value === 'number' ? [] : [`${path} must be a number (got ${JSON.stringify(value)})`];
  return [];
}

function enumOf(sdk: Record<string, any>, memberName: string): string[] | undefined {
  const candidate = sdk[memberName];
  if (!candidate || typeof candidate !== 'object') return undefined;
  const values = Object.values(candidate);
  return values.length > 0 && values.every(v => typeof v === 'string') ? values as string[] : undefined;
}

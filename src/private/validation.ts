import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time input checks. Each one skips unresolved tokens (their value is only known at
 * deploy time) and throws an error that names where the value was given (the construct's
 * path, or the factory's name), the prop, the value and the rule:
 * `Stack/UseCase/Application: applicationName may contain only … (got "my app")`.
 */

/** Where a value was given: the construct it configures, or a label such as `AccessScope.of`. */
export type Owner = IConstruct | string;

/** `Stack/Construct: prop`, or `Label: prop`. */
export function subject(owner: Owner, prop: string): string {
  return `${typeof owner === 'string' ? owner : owner.node.path || owner.node.id}: ${prop}`;
}

/**
 * A method or option as TypeScript and Python spell it, for messages that tell the user what to
 * call or set: `lakeFormationQuery: true (in Python: lake_formation_query=True)`. Class names are
 * the same in both; members are snake_case in Python (jsii).
 */
export function spelled(typescript: string, value?: boolean): string {
  const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const python = typescript.split('.').map(part => /^[a-z]/.test(part) ? snake(part) : part).join('.');
  if (value === undefined) return python === typescript ? typescript : `${typescript} (in Python: ${python})`;
  const pythonValue = value ? 'True' : 'False';
  return `${typescript}: ${value} (in Python: ${python}=${pythonValue})`;
}

/** Throws an error naming `owner`, what is wrong and how to fix it. */
export function invalid(owner: Owner, message: string): never {
  throw new Error(`${typeof owner === 'string' ? owner : owner.node.path || owner.node.id}: ${message}`);
}

function fail(owner: Owner, prop: string, value: unknown, rule: string): never {
  throw new Error(`${subject(owner, prop)} ${rule} (got ${JSON.stringify(value)})`);
}

export function validatePattern(owner: Owner, prop: string, value: string | undefined, pattern: RegExp, rule: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!pattern.test(value)) fail(owner, prop, value, rule);
}

export function validateLength(owner: Owner, prop: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length < min || value.length > max) {
    fail(owner, prop, value.length > 80 ? `${value.slice(0, 77)}...` : value,
      `must be ${min === max ? min : `${min} to ${max}`} characters long, but is ${value.length}`);
  }
}

export function validateCount(owner: Owner, prop: string, values: readonly unknown[], min: number, max: number): void {
  if (Token.isUnresolved(values)) return;
  if (values.length < min || values.length > max) {
    throw new Error(`${subject(owner, prop)} must have ${min} to ${max} entries, but has ${values.length}`);
  }
}

/** Throws when `value` is neither undefined, a token, nor an `https://` URL with a host. */
export function validateHttpsUrl(owner: Owner, prop: string, value: string | undefined, options: { allowLocalhostHttp?: boolean } = {}): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(owner, prop, value, 'must be an absolute URL');
  }
  const localhost = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && options.allowLocalhostHttp && localhost) return;
  if (url.protocol !== 'https:') {
    fail(owner, prop, value, options.allowLocalhostHttp
      ? 'must start with https:// (http:// is allowed only for localhost)'
      : 'must start with https://');
  }
  if (!url.hostname) fail(owner, prop, value, 'must name a host');
}

/** Audiences of a trusted token issuer: 1 to 10, each 1 to 512 characters. */
export function validateAudiences(owner: Owner, prop: string, audiences: readonly string[]): void {
  validateCount(owner, prop, audiences, 1, 10);
  if (Token.isUnresolved(audiences)) return;
  audiences.forEach((audience, i) => validateLength(owner, `${prop}[${i}]`, audience, 1, 512));
}

// The sso-admin API model's ApplicationArn pattern; the group is the instance id.
const APPLICATION_ARN = /^arn:aws(?:-[a-z]{1,5}){0,3}:sso::\d{12}:application\/((?:sso)?ins-[a-zA-Z0-9-.]{16})\/apl-[a-zA-Z0-9]{16}$/;
// The sso-admin API model's InstanceArn pattern; the group is the instance id.
const INSTANCE_ARN = /^arn:aws(?:-[a-z]{1,5}){0,3}:sso:::instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/;

/** The instance id in an Identity Center application ARN, or undefined if `arn` is not one. */
export function instanceIdOfApplication(arn: string): string | undefined {
  return APPLICATION_ARN.exec(arn)?.[1];
}

/** The instance id in an Identity Center instance ARN, or undefined if `arn` is not one. */
export function instanceIdOfInstance(arn: string): string | undefined {
  return INSTANCE_ARN.exec(arn)?.[1];
}

/** An Identity Center application ARN, `arn:<partition>:sso::<account>:application/ssoins-…/apl-…`. */
export function validateApplicationArn(owner: Owner, prop: string, value: string | undefined): void {
  if (typeof value !== 'string') {
    throw new Error(`${subject(owner, prop)} must be an Identity Center application (got ${value === undefined ? 'an object without applicationArn' : JSON.stringify(value)}); `
      + 'for a Redshift IdC application pass its identityCenterApplication');
  }
  validatePattern(owner, prop, value, APPLICATION_ARN,
    'must be an Identity Center application ARN, arn:<partition>:sso::<account>:application/ssoins-<16>/apl-<16>');
}

// The sso-admin API model's PrincipalId pattern: identity store user and group ids.
const DIRECTORY_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

/** An identity store user or group id. */
export function validateDirectoryId(owner: Owner, prop: string, value: string): void {
  validatePattern(owner, prop, value, DIRECTORY_ID, 'must be an identity store id such as 906757d3d5-2c2fd0d2-7b4c-4a0b-9c1d-3e2f1a0b9c8d');
}

/** The path an imported construct will have: for checks that run before it exists. */
export function importPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

import { deflateRawSync, inflateRawSync } from 'zlib';

/**
 * Adoption: a create that takes over existing state records what it found, so that the delete
 * can give it back. CloudFormation sends a Delete only the properties and the physical id, so
 * the record lives in the physical id: `adopted:<key>:<deflated JSON, base64url>`.
 */
const ADOPTED = 'adopted:';
// "PhysicalResourceId … can be up to 1 KB in size" (CloudFormation User Guide, custom resource response objects).
const MAX_PHYSICAL_ID = 1024;

/** The physical id of a resource that adopted `found` under `key`; throws when it would not fit. */
export function adoptedId(key: string, found: unknown, what: string): string {
  const id = `${ADOPTED}${key}:${deflateRawSync(JSON.stringify(found ?? null)).toString('base64url')}`;
  if (id.length > MAX_PHYSICAL_ID) {
    throw new Error(`${what} is too large to record for giving it back (${id.length} characters, CloudFormation keeps at most `
      + `${MAX_PHYSICAL_ID} in a physical id); reduce it first, or delete it and let this stack create it`);
  }
  return id;
}

/** Whether the resource with this physical id adopted what it manages. */
export function isAdopted(physicalResourceId: string | undefined): physicalResourceId is string {
  return physicalResourceId?.startsWith(ADOPTED) ?? false;
}

/** What the adopting create recorded in `physicalResourceId`. */
export function foundIn<T>(physicalResourceId: string): T {
  const encoded = physicalResourceId.slice(physicalResourceId.lastIndexOf(':') + 1);
  return JSON.parse(inflateRawSync(Buffer.from(encoded, 'base64url')).toString('utf8'));
}

/**
 * Converges adopted state to the desired one and reports; if either fails, gives the state back
 * as it was found before failing: the failed create's physical id is never deleted with effect
 * (see index.lambda.ts), so nothing else would.
 */
export async function adoptThenReport<T>(converge: () => Promise<void>, report: () => Promise<T>, giveBack: () => Promise<void>): Promise<T> {
  try {
    await converge();
    return await report();
  } catch (error) {
    await giveBack().catch(failure => console.log(JSON.stringify({ GiveBackFailed: String(failure) })));
    throw error;
  }
}

/** The key (`adopted:<key>:…`) an adopting resource's physical id names. */
export function adoptedKey(physicalResourceId: string): string {
  return physicalResourceId.slice(ADOPTED.length, physicalResourceId.lastIndexOf(':'));
}

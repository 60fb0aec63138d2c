/**
 * A download's companies and contacts as a snapshot keeps them in the workspace: gzip-compressed JSON, with the
 * SHA-256 of the stored bytes (a damaged row is refused, never half-read). The JSON is built in slices with a turn of
 * the event loop between them, and compressed on libuv's pool, so keeping 400,000 contacts does not hold main.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { PsaCompanyRecord, PsaContactRecord, PsaFetchResult } from '../../../shared/psa/records';
import { companyProblem, contactProblem } from '../../../shared/preview/preview-check';
import { DomainError } from '../base/domain-error';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Records serialised per slice: a few milliseconds of work. */
const SLICE = 2_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function jsonArray(records: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < records.length; start += SLICE) {
    if (start > 0) await turn();
    parts.push(records.slice(start, start + SLICE).map((record) => JSON.stringify(record)).join(','));
  }
  return `[${parts.join(',')}]`;
}

export async function encodeSnapshotContent(result: Pick<PsaFetchResult, 'companies' | 'contacts'>): Promise<{ bytes: Buffer; sha256: string }> {
  const json = `{"companies":${await jsonArray(result.companies)},"contacts":${await jsonArray(result.contacts)}}`;
  const bytes = await gzipAsync(json);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const damaged = (detail: string) => new DomainError('SNAPSHOT_DAMAGED', `The kept download cannot be read: ${detail}. Download the companies again.`);

/** The snapshot's records, checked against the stored checksum and their shape (SNAPSHOT_DAMAGED otherwise). */
export async function decodeSnapshotContent(bytes: Uint8Array, sha256: string): Promise<Pick<PsaFetchResult, 'companies' | 'contacts'>> {
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw damaged('its checksum does not match');
  let parsed: unknown;
  try {
    parsed = JSON.parse((await gunzipAsync(bytes)).toString('utf8'));
  } catch {
    throw damaged('it is not compressed JSON');
  }
  const body = parsed as { companies?: unknown; contacts?: unknown } | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.companies) || !Array.isArray(body.contacts)) throw damaged('it holds no companies and contacts');
  // The same record checks as a preview file's snapshot (shared/preview/preview-check.ts).
  if (body.companies.some((company) => companyProblem(company) !== null)) throw damaged('a company is not as it was kept');
  if (body.contacts.some((contact) => contactProblem(contact) !== null)) throw damaged('a contact is not as it was kept');
  return { companies: body.companies as PsaCompanyRecord[], contacts: body.contacts as PsaContactRecord[] };
}

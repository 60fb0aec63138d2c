/**
 * The large pages of a fetch and how each becomes records: the zod schema it
 * must pass (the boundary check) and the pure mapping to the app's records.
 * Referred to by name, so the page worker and the main thread run exactly the
 * same code; a codec's context is plain data (it crosses to the worker).
 */
import type { z } from 'zod';
import type { PsaCompanyRecord, PsaContactRecord } from '../../../../shared/psa/records';
import { CompanyItemSchema, ContactItemSchema, queryPageSchema } from '../autotask/autotask-schemas';
import { toCompany as autotaskCompany, toContact as autotaskContact } from '../autotask/autotask-records';
import { CwCompanySchema, CwContactSchema } from '../connectwise/connectwise-schemas';
import { toCompany as connectwiseCompany, toContact as connectwiseContact } from '../connectwise/connectwise-records';
import { parseBody } from '../http/parse-body';

interface Codec<S extends z.ZodType, C, R> {
  readonly schema: S;
  readonly map: (data: z.output<S>, context: C) => R;
}

function codec<S extends z.ZodType, C, R>(schema: S, map: (data: z.output<S>, context: C) => R): Codec<S, C, R> {
  return { schema, map };
}

/** An Autotask query page: its records and where the next page is (null: none follows). */
export interface AutotaskPage<R> {
  readonly records: R[];
  readonly nextPageUrl: string | null;
}

export const PAGE_CODECS = {
  'connectwise.companies': codec(CwCompanySchema.array(), (items, context: { readonly inactiveStatusIds: readonly number[] }): PsaCompanyRecord[] => {
    const inactive = new Set(context.inactiveStatusIds);
    return items.map((item) => connectwiseCompany(item, inactive));
  }),
  'connectwise.contacts': codec(CwContactSchema.array(), (items, _context: null): PsaContactRecord[] => items.map(connectwiseContact)),
  'autotask.companies': codec(queryPageSchema(CompanyItemSchema), (page, context: { readonly typeLabels: ReadonlyArray<readonly [number, string]> }): AutotaskPage<PsaCompanyRecord> => {
    const labels = new Map(context.typeLabels);
    return { records: page.items.map((item) => autotaskCompany(item, labels.get(item.companyType ?? Number.NaN) ?? null)), nextPageUrl: page.pageDetails.nextPageUrl };
  }),
  'autotask.contacts': codec(queryPageSchema(ContactItemSchema), (page, _context: null): AutotaskPage<PsaContactRecord> => ({ records: page.items.map(autotaskContact), nextPageUrl: page.pageDetails.nextPageUrl })),
};

export type CodecName = keyof typeof PAGE_CODECS;
export type CodecContext<K extends CodecName> = Parameters<(typeof PAGE_CODECS)[K]['map']>[1];
export type CodecOutput<K extends CodecName> = ReturnType<(typeof PAGE_CODECS)[K]['map']>;

/** What a page needs to be decoded anywhere: no credentials (the main thread scrubs any detail with them). */
export interface PageJob<K extends CodecName = CodecName> {
  readonly codec: K;
  readonly bytes: Uint8Array;
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly context: CodecContext<K>;
}

/** Decodes, validates and maps one page; throws PsaError 'invalid-response' as parseBody does. */
export function runCodec<K extends CodecName>(job: PageJob<K>): CodecOutput<K> {
  const { schema, map } = PAGE_CODECS[job.codec] as unknown as Codec<z.ZodType, CodecContext<K>, CodecOutput<K>>;
  const body = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('utf8');
  return map(parseBody({ status: job.status, body }, schema, { method: job.method, url: job.url, headers: {} }), job.context);
}

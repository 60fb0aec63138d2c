/**
 * Opening a preview, the part that runs in the preview worker (preview-worker.ts; on the main thread only should
 * the worker not start): the whole file read and checked (preview-read.ts), then packed for the main thread as
 * bytes that move to it without a copy —
 *  - `head`: the document without the snapshot's contacts and the contacts' matches, as JSON lines (the container's
 *    body layout: the document with its big arrays empty, then `[path, items]` lines of about 128 KiB), which main
 *    parses in slices;
 *  - `contacts` and `matches` (PackedRecords): each record's JSON, and which records are each company's. Main parses
 *    one company's when asked for, never all at once: 400,000 contacts (and as many matches, when a re-import finds
 *    most contacts mapped) parsed on main are what held its event loop (V8's scavenges copying them).
 *
 * Both are the file's own lines where they can be (a current-version file as this build writes it): the buffers the
 * decoder assembled them in, each record found in its line by where its object starts — no copy, and no new 100 MB
 * buffer (whose allocation, with the whole document alive, makes V8 collect it all first). Otherwise (a migrated file,
 * or one written differently) they are serialised again from the checked document.
 */
import { PREVIEW_BIG_ARRAYS, PREVIEW_SCHEMA_VERSION, type PreviewProblemInfo } from '../../../shared/preview/preview-document';
import { bodyLines } from './preview-container';
import { readPreviewDocument, type PreviewLimits } from './preview-read';

export interface PreviewOpenJob {
  readonly path: string;
  readonly limits?: Partial<PreviewLimits>;
}

/** Records packed as JSON, grouped by company. */
export interface PackedRecords {
  /** UTF-8 lines holding the records' JSON objects. */
  readonly lines: readonly Uint8Array<ArrayBuffer>[];
  /** Record i (in the file's order) is lines[lineOf[i]][starts[i], ends[i]). */
  readonly lineOf: Uint32Array<ArrayBuffer>;
  readonly starts: Uint32Array<ArrayBuffer>;
  readonly ends: Uint32Array<ArrayBuffer>;
  /** The records' indices grouped by company, in the snapshot's order of companies. */
  readonly order: Uint32Array<ArrayBuffer>;
  /** companies + 1 entries: company c's records are order[companyStarts[c]] … order[companyStarts[c + 1] - 1]. */
  readonly companyStarts: Uint32Array<ArrayBuffer>;
}

export interface PreviewPacked {
  /** UTF-8 JSON lines: the document; its `snapshot.contacts` and `reconciliation.contactMatches` are empty (below). */
  readonly head: readonly Uint8Array<ArrayBuffer>[];
  readonly contacts: PackedRecords;
  readonly matches: PackedRecords;
  readonly schemaVersion: number;
  readonly fileBytes: number;
  readonly jsonBytes: number;
}

/** What the worker answers. */
export type PreviewReply =
  | { readonly type: 'ready' }
  | { readonly type: 'preview'; readonly id: number; readonly ok: true; readonly value: PreviewPacked }
  | { readonly type: 'preview'; readonly id: number; readonly ok: false; readonly problem: PreviewProblemInfo };

/** The buffers a packed preview moves to main with (transferred, not copied). */
export function packedBuffers(packed: PreviewPacked): ArrayBuffer[] {
  const of = (records: PackedRecords) => [...records.lines, records.lineOf, records.starts, records.ends, records.order, records.companyStarts];
  return [...packed.head, ...of(packed.contacts), ...of(packed.matches)].map((array) => array.buffer);
}

/** `bytes` in an ArrayBuffer of its own (to move it): itself when it is one already, else a copy. */
function owned(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

const CONTACTS = 'snapshot.contacts';
const MATCHES = 'reconciliation.contactMatches';
/** The arrays of the head (every big array but the packed ones). */
const HEAD_ARRAYS = PREVIEW_BIG_ARRAYS.filter((path) => path.join('.') !== CONTACTS && path.join('.') !== MATCHES);
/** How a line of records starts (`[path,[`) and ends, and each record in it (its first key), as this build writes them. */
const LAYOUT = {
  [CONTACTS]: { lineStart: Buffer.from('[["snapshot","contacts"],['), recordStart: Buffer.from('{"psaId":') },
  [MATCHES]: { lineStart: Buffer.from('[["reconciliation","contactMatches"],['), recordStart: Buffer.from('{"psaContactId":') },
} as const;
const LINE_END = Buffer.from(']]');
const COMMA = 0x2c;

interface RecordLine {
  readonly line: Buffer;
  readonly items: number;
}

/** Reads, checks and packs the preview at `job.path`; rejects only with PreviewFileError. */
export async function openPreviewJob(job: PreviewOpenJob, sliceMs = Number.POSITIVE_INFINITY): Promise<PreviewPacked> {
  const headLines: Buffer[] = [];
  const recordLines: Record<typeof CONTACTS | typeof MATCHES, RecordLine[]> = { [CONTACTS]: [], [MATCHES]: [] };
  const read = await readPreviewDocument(job.path, job.limits, sliceMs, (line, appended) => {
    const key = appended?.path.join('.');
    if (appended && (key === CONTACTS || key === MATCHES)) recordLines[key].push({ line, items: appended.items });
    else headLines.push(line);
  });
  const { document } = read;
  const { companies, contacts } = document.snapshot;
  const { contactMatches } = document.reconciliation;
  const asWritten = read.schemaVersion === PREVIEW_SCHEMA_VERSION;

  // Each contact's company (its place in the snapshot), and each match's (through its contact).
  const companyAt = new Map<string, number>();
  for (let c = 0; c < companies.length; c++) companyAt.set(companies[c]!.psaId, c);
  const contactCompany = new Uint32Array(contacts.length);
  const contactAt = new Map<string, number>();
  // The checks put every contact's company in the snapshot, and every match's contact.
  for (let i = 0; i < contacts.length; i++) {
    contactCompany[i] = companyAt.get(contacts[i]!.companyPsaId)!;
    if (contactMatches.length > 0) contactAt.set(contacts[i]!.psaId, i);
  }
  const matchCompany = new Uint32Array(contactMatches.length);
  for (let i = 0; i < contactMatches.length; i++) matchCompany[i] = contactCompany[contactAt.get(contactMatches[i]!.psaContactId)!]!;

  const pack = (key: typeof CONTACTS | typeof MATCHES, list: readonly unknown[], companyOf: Uint32Array): PackedRecords => ({
    ...((asWritten ? recordsAsWritten(recordLines[key], LAYOUT[key], list.length) : null) ?? recordsSerialised(list)),
    ...groupedByCompany(companyOf, companies.length),
  });
  return {
    head: asWritten ? headLines.map(owned) : headSerialised(document),
    contacts: pack(CONTACTS, contacts, contactCompany),
    matches: pack(MATCHES, contactMatches, matchCompany),
    schemaVersion: read.schemaVersion,
    fileBytes: read.fileBytes,
    jsonBytes: read.jsonBytes,
  };
}

/** A counting sort of the records' indices by their company's place in the snapshot. */
function groupedByCompany(companyOf: Uint32Array, companies: number): Pick<PackedRecords, 'order' | 'companyStarts'> {
  const companyStarts = new Uint32Array(companies + 1);
  for (let i = 0; i < companyOf.length; i++) companyStarts[companyOf[i]! + 1]!++;
  for (let c = 0; c < companies; c++) companyStarts[c + 1]! += companyStarts[c]!;
  const next = companyStarts.slice(0, companies);
  const order = new Uint32Array(companyOf.length);
  for (let i = 0; i < companyOf.length; i++) order[next[companyOf[i]!]!++] = i;
  return { order, companyStarts };
}

function headSerialised(document: { readonly snapshot: { readonly companies: unknown }; readonly reconciliation: object } & Record<string, unknown>): Uint8Array<ArrayBuffer>[] {
  const rest = { ...document, snapshot: { companies: document.snapshot.companies, contacts: [] }, reconciliation: { ...document.reconciliation, contactMatches: [] } };
  const encoder = new TextEncoder();
  return [...bodyLines(rest, HEAD_ARRAYS)].map((line) => encoder.encode(line));
}

type RecordBytes = Pick<PackedRecords, 'lines' | 'lineOf' | 'starts' | 'ends'>;

/**
 * The records' lines as they are, each record found by where its object starts: null unless every line is laid
 * out as this build writes it (and holds as many records as it parsed to). The record's first key (`{"psaId":`)
 * cannot occur inside a JSON string (its quote would be escaped there), and the records hold no objects, so each
 * find is a record's start.
 */
function recordsAsWritten(lines: readonly RecordLine[], layout: { readonly lineStart: Buffer; readonly recordStart: Buffer }, count: number): RecordBytes | null {
  const { lineStart, recordStart } = layout;
  const kept: Uint8Array<ArrayBuffer>[] = [];
  const lineOf = new Uint32Array(count);
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let index = 0;
  for (const { line, items } of lines) {
    if (items === 0) continue;
    const end = line.length - LINE_END.length;
    if (!line.subarray(0, lineStart.length).equals(lineStart) || !line.subarray(end).equals(LINE_END)) return null;
    let start = lineStart.length;
    for (let k = 0; k < items; k++) {
      if (index >= count || line.indexOf(recordStart, start) !== start) return null;
      const following = k + 1 < items ? line.indexOf(recordStart, start + recordStart.length) : end + 1;
      if (following < 0 || line[following - 1] !== (k + 1 < items ? COMMA : LINE_END[0])) return null;
      lineOf[index] = kept.length;
      starts[index] = start;
      ends[index] = following - 1;
      index++;
      start = following;
    }
    kept.push(owned(line));
  }
  return index === count ? { lines: kept, lineOf, starts, ends } : null;
}

function recordsSerialised(list: readonly unknown[]): RecordBytes {
  const texts = list.map((record) => JSON.stringify(record));
  const starts = new Uint32Array(list.length);
  const ends = new Uint32Array(list.length);
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = total;
    total += Buffer.byteLength(texts[i]!);
    ends[i] = total;
  }
  const bytes = new Uint8Array(total);
  const encoder = new TextEncoder();
  for (let i = 0; i < texts.length; i++) encoder.encodeInto(texts[i]!, bytes.subarray(starts[i]));
  return { lines: [bytes], lineOf: new Uint32Array(list.length), starts, ends };
}

/**
 * The checks of a preview document (schema version 1) once its JSON is parsed: the shape, then integrity beyond
 * the shape (duplicate ids, ids not in the snapshot). Each failure is a named problem (preview-document.ts).
 *
 * Speed: zod checks the small parts (who, when, integration, filter) and the "not in the PSA" rows, but the big
 * arrays — the snapshot's companies and contacts, the reconciliation's rows and contact matches, and the decisions
 * (up to 950,000 records in the issue's largest case) — are checked by hand-written checkers that give the same named problem ('invalid',
 * with a path) as their zod schemas would (test/unit/preview-document.test.ts holds them to it): zod over them took
 * about half a second of the main thread per open and per save (bench:preview). The records are kept as parsed,
 * not copied.
 *
 * The checks are a generator that yields every few thousand records, so the caller (the main process) can give
 * the event loop a turn between slices; `checkPreviewDocumentNow` runs one to its end at once.
 */
import { z } from 'zod';
import {
  MAX_PREVIEW_COMPANIES,
  MAX_PREVIEW_CONTACTS,
  MAX_PREVIEW_NOTE_CHARS,
  MAX_PREVIEW_NOT_IN_PSA,
  PreviewCompanySchema,
  PreviewContactMatchSchema,
  PreviewContactSchema,
  PreviewCreatorSchema,
  PreviewDecisionSchema,
  PreviewDocumentSchema,
  PreviewIntegrationSchema,
  PREVIEW_BIG_ARRAYS,
  type PreviewDocument,
  type PreviewProblemInfo,
} from './preview-document';
import { ImportCompanyRowSchema, NotInPsaRowSchema } from '../import/session';
import { PsaFilterSchema } from '../psa/filters';
import { PsaKindSchema } from '../psa/kinds';

export type PreviewCheck = { readonly ok: true; readonly document: PreviewDocument } | { readonly ok: false; readonly problem: PreviewProblemInfo };

/** Records checked between two yields (by hand; zod's rows are slower: ZOD_SLICE). */
const SLICE = 4000;
const ZOD_SLICE = 500;
/** Records between two yields of the integrity checks (each hashes and looks up ids). */
const ID_SLICE = 1000;

type Path = readonly (string | number)[];

const refuse = (problem: PreviewProblemInfo['problem'], detail: string, path?: Path): PreviewCheck => ({ ok: false, problem: { problem, detail, ...(path ? { path } : {}) } });
const invalid = (path: Path, detail: string): PreviewCheck => refuse('invalid', `${pathText(path)}: ${detail}`, path);

export function pathText(path: Path): string {
  return path.length === 0 ? '(document)' : path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '');
}

const BIG_ARRAY_LIMITS: readonly (readonly [string, number])[] = [
  ['snapshot.companies', MAX_PREVIEW_COMPANIES],
  ['snapshot.contacts', MAX_PREVIEW_CONTACTS],
  ['reconciliation.inPsa', MAX_PREVIEW_COMPANIES],
  ['reconciliation.notInPsa', MAX_PREVIEW_NOT_IN_PSA],
  ['reconciliation.contactMatches', MAX_PREVIEW_CONTACTS],
  ['decisions', MAX_PREVIEW_COMPANIES],
];

/** A shallow copy of `value` with each big array (PREVIEW_BIG_ARRAYS) that is an array emptied and put in `taken`. */
function withBigArraysEmptied(value: unknown, taken: Map<string, unknown[]>): unknown {
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const path of PREVIEW_BIG_ARRAYS) {
    let node: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const inner: unknown = node[key];
      node = isRecord(inner) ? (node[key] = { ...inner }) : undefined;
      if (!node) break;
    }
    const key = path[path.length - 1]!;
    const list = node?.[key];
    if (node && Array.isArray(list)) {
      taken.set(path.join('.'), list);
      node[key] = [];
    }
  }
  return copy;
}

/** Everything but the big arrays, checked by zod at once (the arrays themselves are checked in slices). */
const HeadSchema = z.strictObject({
  createdBy: PreviewCreatorSchema,
  createdAt: PreviewDocumentSchema.shape.createdAt,
  psa: PsaKindSchema,
  integration: PreviewIntegrationSchema,
  filter: PsaFilterSchema,
  fetchedAt: PreviewDocumentSchema.shape.fetchedAt,
  snapshot: z.strictObject({ companies: z.array(z.unknown()).max(0), contacts: z.array(z.unknown()).max(0) }),
  reconciliation: z.strictObject({ inPsa: z.array(z.unknown()).max(0), notInPsa: z.array(z.unknown()).max(0), contactMatches: z.array(z.unknown()).max(0) }),
  decisions: z.array(z.unknown()).max(0),
});

type Issue = z.ZodError['issues'][number];

/** The first issue zod found, as a named problem; `offset` is added to the issue's first index (a slice's start). */
function zodProblem(issue: Issue | undefined, prefix: Path, offset = 0): PreviewCheck {
  const parts = (issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (offset && typeof parts[0] === 'number') parts[0] += offset;
  const path = [...prefix, ...parts];
  // An array over its limit is too large, not malformed.
  if (issue?.code === 'too_big' && issue.origin === 'array') return refuse('too-large', `${pathText(path)}: more than ${String(issue.maximum)} entries`, path);
  return invalid(path, issue?.message ?? 'invalid');
}

/** Checks a parsed value as a schema-version-1 preview: its shape, then its integrity. Yields between slices. */
export function* checkPreviewDocument(value: unknown): Generator<void, PreviewCheck> {
  // zod checks the document with its big arrays emptied (it would copy them whole, in one go); their lengths here.
  const big = new Map<string, unknown[]>();
  const head = HeadSchema.safeParse(withBigArraysEmptied(value, big));
  if (!head.success) return zodProblem(head.error.issues[0], []);
  for (const [key, max] of BIG_ARRAY_LIMITS) {
    const length = big.get(key)?.length ?? 0;
    if (length > max) return refuse('too-large', `${key}: more than ${max} entries`, key.split('.'));
  }
  const list = (key: string) => big.get(key) ?? [];
  const raw = {
    ...head.data,
    snapshot: { companies: list('snapshot.companies'), contacts: list('snapshot.contacts') },
    reconciliation: { inPsa: list('reconciliation.inPsa'), notInPsa: list('reconciliation.notInPsa'), contactMatches: list('reconciliation.contactMatches') },
    decisions: list('decisions'),
  };

  for (let i = 0; i < raw.snapshot.companies.length; i++) {
    const problem = companyProblem(raw.snapshot.companies[i]);
    if (problem) return invalid(['snapshot', 'companies', i, ...problem.path], problem.detail);
    if (i % SLICE === SLICE - 1) yield;
  }
  for (let i = 0; i < raw.snapshot.contacts.length; i++) {
    const problem = contactProblem(raw.snapshot.contacts[i]);
    if (problem) return invalid(['snapshot', 'contacts', i, ...problem.path], problem.detail);
    if (i % SLICE === SLICE - 1) yield;
  }
  for (let i = 0; i < raw.reconciliation.inPsa.length; i++) {
    const problem = companyRowProblem(raw.reconciliation.inPsa[i]);
    if (problem) return invalid(['reconciliation', 'inPsa', i, ...problem.path], problem.detail);
    if (i % SLICE === SLICE - 1) yield;
  }
  const notInPsa = yield* zodInSlices(NotInPsaRowSchema, raw.reconciliation.notInPsa, ['reconciliation', 'notInPsa']);
  if (!Array.isArray(notInPsa)) return notInPsa;
  for (let i = 0; i < raw.reconciliation.contactMatches.length; i++) {
    const problem = contactMatchProblem(raw.reconciliation.contactMatches[i]);
    if (problem) return invalid(['reconciliation', 'contactMatches', i, ...problem.path], problem.detail);
    if (i % SLICE === SLICE - 1) yield;
  }
  for (let i = 0; i < raw.decisions.length; i++) {
    const problem = decisionProblem(raw.decisions[i]);
    if (problem) return invalid(['decisions', i, ...problem.path], problem.detail);
    if (i % SLICE === SLICE - 1) yield;
  }

  // Checked above, record by record: the same rules as the schemas (a test holds the checkers to them).
  const document = {
    ...raw,
    reconciliation: { inPsa: raw.reconciliation.inPsa, notInPsa, contactMatches: raw.reconciliation.contactMatches },
  } as PreviewDocument;
  const integrity = yield* checkPreviewIntegrity(document);
  return integrity ?? { ok: true, document };
}

/** Runs the checks to their end at once (small documents, tests). */
export function checkPreviewDocumentNow(value: unknown): PreviewCheck {
  const checks = checkPreviewDocument(value);
  for (;;) {
    const step = checks.next();
    if (step.done) return step.value;
  }
}

function* zodInSlices<S extends z.ZodType>(schema: S, items: readonly unknown[], prefix: Path): Generator<void, z.output<S>[] | PreviewCheck> {
  const out: z.output<S>[] = [];
  const sliceSchema = z.array(schema);
  for (let start = 0; start < items.length; start += ZOD_SLICE) {
    const parsed = sliceSchema.safeParse(items.slice(start, start + ZOD_SLICE));
    if (!parsed.success) return zodProblem(parsed.error.issues[0], prefix, start);
    for (const item of parsed.data) out.push(item);
    yield;
  }
  return out;
}

/**
 * Integrity beyond the shape: ids unique (companies, contacts, rows, contact matches, decisions), a contact's company
 * in the snapshot, every reconciliation "in the PSA" row and decision naming a company of the snapshot, a "not in the
 * PSA" row naming one that is not, every contact match naming a contact of the snapshot, and every user a decision
 * chooses a contact of that decision's company. Null when all hold.
 */
export function* checkPreviewIntegrity(document: PreviewDocument): Generator<void, PreviewCheck | null> {
  const { companies, contacts } = document.snapshot;
  const companyIds = new IdIndex(companies.length, (i) => companies[i]!.psaId);
  for (let i = 0; i < companies.length; i++) {
    if (companyIds.add(i) >= 0) return refuse('duplicate-id', `company ${companies[i]!.psaId} appears twice in the snapshot`, ['snapshot', 'companies', i, 'psaId']);
    if (i % ID_SLICE === ID_SLICE - 1) yield;
  }
  const contactIds = new IdIndex(contacts.length, (i) => contacts[i]!.psaId);
  for (let i = 0; i < contacts.length; i++) {
    const contact = contacts[i]!;
    if (contactIds.add(i) >= 0) return refuse('duplicate-id', `contact ${contact.psaId} appears twice in the snapshot`, ['snapshot', 'contacts', i, 'psaId']);
    if (companyIds.find(contact.companyPsaId) < 0) {
      return refuse('unknown-id', `contact ${contact.psaId} belongs to company ${contact.companyPsaId}, which is not in the snapshot`, ['snapshot', 'contacts', i, 'companyPsaId']);
    }
    if (i % ID_SLICE === ID_SLICE - 1) yield;
  }
  const { inPsa, notInPsa, contactMatches } = document.reconciliation;
  const rowId = (i: number) => (i < inPsa.length ? inPsa[i]!.psaCompanyId : notInPsa[i - inPsa.length]!.psaCompanyId);
  const rows = new IdIndex(inPsa.length + notInPsa.length, rowId);
  const rowPath = (i: number) => (i < inPsa.length ? ['reconciliation', 'inPsa', i, 'psaCompanyId'] : ['reconciliation', 'notInPsa', i - inPsa.length, 'psaCompanyId']);
  for (let i = 0; i < inPsa.length + notInPsa.length; i++) {
    const id = rowId(i);
    const inSnapshot = companyIds.find(id) >= 0;
    if (i < inPsa.length && !inSnapshot) return refuse('unknown-id', `the reconciliation names company ${id}, which is not in the snapshot`, rowPath(i));
    if (i >= inPsa.length && inSnapshot) return refuse('duplicate-id', `company ${id} is both in the snapshot and "not in the PSA"`, rowPath(i));
    if (rows.add(i) >= 0) return refuse('duplicate-id', `company ${id} appears twice in the reconciliation`, rowPath(i));
    if (i % ID_SLICE === ID_SLICE - 1) yield;
  }
  const matched = new IdIndex(contactMatches.length, (i) => contactMatches[i]!.psaContactId);
  for (let i = 0; i < contactMatches.length; i++) {
    const id = contactMatches[i]!.psaContactId;
    const path = ['reconciliation', 'contactMatches', i, 'psaContactId'];
    if (contactIds.find(id) < 0) return refuse('unknown-id', `a contact match names contact ${id}, which is not in the snapshot`, path);
    if (matched.add(i) >= 0) return refuse('duplicate-id', `contact ${id} is matched twice`, path);
    if (i % ID_SLICE === ID_SLICE - 1) yield;
  }
  const { decisions } = document;
  const decided = new IdIndex(decisions.length, (i) => decisions[i]!.psaCompanyId);
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i]!;
    const id = decision.psaCompanyId;
    if (companyIds.find(id) < 0) return refuse('unknown-id', `a decision names company ${id}, which is not in the snapshot`, ['decisions', i, 'psaCompanyId']);
    if (decided.add(i) >= 0) return refuse('duplicate-id', `company ${id} has two decisions`, ['decisions', i, 'psaCompanyId']);
    if (decision.users !== null && decision.users !== 'all') {
      for (const contactId of Object.keys(decision.users)) {
        const path = ['decisions', i, 'users', contactId];
        const at = contactIds.find(contactId);
        if (at < 0) return refuse('unknown-id', `a decision names contact ${contactId}, which is not in the snapshot`, path);
        const company = contacts[at]!.companyPsaId;
        if (company !== id) return refuse('unknown-id', `a decision for company ${id} names contact ${contactId} of company ${company}`, path);
      }
    }
    if (i % ID_SLICE === ID_SLICE - 1) yield;
  }
  return null;
}

/**
 * The ids of a list's records, in an open-addressing hash table of one typed array sized up front: no object per
 * id for the garbage collector to copy, and no rehash (a Set of 400,000 ids did both, pausing the event loop). The
 * hash is seeded afresh for each table, so a file cannot be made of ids that all collide.
 */
class IdIndex {
  /** Pairs of (the id's hash, its record's index + 1); an index of 0 is an empty slot. The hash spares reading records. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly seed = (Math.random() * 0x1_0000_0000) >>> 0;

  constructor(
    capacity: number,
    private readonly idOf: (index: number) => string,
  ) {
    let size = 64;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
  }

  /** Adds record `index` under its id: -1, or the index of an earlier record with the same id (then not added). */
  add(index: number): number {
    const id = this.idOf(index);
    const hash = this.hash(id);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot * 2 + 1]!;
      if (held === 0) {
        this.slots[slot * 2] = hash;
        this.slots[slot * 2 + 1] = index + 1;
        return -1;
      }
      if (this.slots[slot * 2] === hash && this.idOf(held - 1) === id) return held - 1;
    }
  }

  /** The index of the record with `id`, or -1. */
  find(id: string): number {
    const hash = this.hash(id);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot * 2 + 1]!;
      if (held === 0) return -1;
      if (this.slots[slot * 2] === hash && this.idOf(held - 1) === id) return held - 1;
    }
  }

  private hash(id: string): number {
    let h = this.seed ^ id.length;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }
}

// Hand-written checkers, the same rules as PreviewCompanySchema and PreviewContactSchema (a test holds them to it).

interface Flaw {
  readonly path: Path;
  readonly detail: string;
}

const COMPANY_KEYS = new Set(Object.keys(PreviewCompanySchema.shape));
const CONTACT_KEYS = new Set(Object.keys(PreviewContactSchema.shape));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extraKey(value: Record<string, unknown>, allowed: ReadonlySet<string>): Flaw | null {
  for (const key in value) if (!allowed.has(key)) return { path: [], detail: `Unrecognized key: "${key}"` };
  return null;
}

function idFlaw(value: unknown, key: string): Flaw | null {
  if (typeof value !== 'string') return { path: [key], detail: 'expected string' };
  if (value.length < 1 || value.length > 100) return { path: [key], detail: 'an id of 1 to 100 characters' };
  return null;
}
const stringFlaw = (value: unknown, key: string): Flaw | null => (typeof value === 'string' ? null : { path: [key], detail: 'expected string' });
const nullableStringFlaw = (value: unknown, key: string): Flaw | null => (value === null || typeof value === 'string' ? null : { path: [key], detail: 'expected string or null' });
const booleanFlaw = (value: unknown, key: string): Flaw | null => (typeof value === 'boolean' ? null : { path: [key], detail: 'expected boolean' });

/** Null for a valid snapshot company, else what is wrong and where (relative to the company). */
export function companyProblem(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  return (
    idFlaw(value['psaId'], 'psaId') ??
    stringFlaw(value['name'], 'name') ??
    nullableStringFlaw(value['typeLabel'], 'typeLabel') ??
    booleanFlaw(value['active'], 'active') ??
    nullableStringFlaw(value['lastModifiedAt'], 'lastModifiedAt') ??
    extraKey(value, COMPANY_KEYS)
  );
}

const ROW_KEYS = new Set(Object.keys(ImportCompanyRowSchema.shape));
const REF_KEYS = new Set(['id', 'name']);
const STATUSES = new Set<unknown>(ImportCompanyRowSchema.shape.status.options);
const DECISION_KEYS = new Set(Object.keys(PreviewDecisionSchema.shape));
const CREATE_KEYS = new Set(['kind', 'replacing']);
const MAP_COMPANY_KEYS = new Set(['kind', 'managedCompanyId', 'managedCompanyName', 'replacing', 'updateName']);
const MAP_USER_KEYS = new Set(['kind', 'userId', 'userLabel', 'replacing']);
const MATCH_KEYS = new Set(Object.keys(PreviewContactMatchSchema.shape));
const MATCHES = new Set<unknown>(PreviewContactMatchSchema.shape.match.options);
const USER_REF_KEYS = new Set(['id', 'email']);

const within = (flaw: Flaw | null, ...prefix: (string | number)[]): Flaw | null => (flaw ? { path: [...prefix, ...flaw.path], detail: flaw.detail } : null);

function refFlaw(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  return stringFlaw(value['id'], 'id') ?? stringFlaw(value['name'], 'name') ?? extraKey(value, REF_KEYS);
}

/** Null for a valid reconciliation row (ImportCompanyRowSchema), else what is wrong and where. */
export function companyRowProblem(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  const { managedCompany, candidates, contacts } = value;
  let candidatesFlaw: Flaw | null = Array.isArray(candidates) ? null : { path: ['candidates'], detail: 'expected array' };
  if (Array.isArray(candidates)) for (let i = 0; i < candidates.length && !candidatesFlaw; i++) candidatesFlaw = within(refFlaw(candidates[i]), 'candidates', i);
  return (
    stringFlaw(value['psaCompanyId'], 'psaCompanyId') ??
    stringFlaw(value['name'], 'name') ??
    nullableStringFlaw(value['typeLabel'], 'typeLabel') ??
    booleanFlaw(value['active'], 'active') ??
    (STATUSES.has(value['status']) ? null : { path: ['status'], detail: 'Invalid option' }) ??
    (managedCompany === null ? null : within(refFlaw(managedCompany), 'managedCompany')) ??
    candidatesFlaw ??
    nullableStringFlaw(value['lastImportedAt'], 'lastImportedAt') ??
    nullableStringFlaw(value['renamedFrom'], 'renamedFrom') ??
    (typeof contacts === 'number' && Number.isSafeInteger(contacts) && contacts >= 0 ? null : { path: ['contacts'], detail: 'expected a whole number, 0 or more' }) ??
    extraKey(value, ROW_KEYS)
  );
}

/** Null for a valid contact match (PreviewContactMatchSchema), else what is wrong and where. */
export function contactMatchProblem(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  const { user } = value;
  return (
    idFlaw(value['psaContactId'], 'psaContactId') ??
    (MATCHES.has(value['match']) ? null : { path: ['match'], detail: 'Invalid option' }) ??
    (isRecord(user) ? within(stringFlaw(user['id'], 'id') ?? stringFlaw(user['email'], 'email') ?? extraKey(user, USER_REF_KEYS), 'user') : { path: ['user'], detail: 'expected object' }) ??
    booleanFlaw(value['emailChanged'], 'emailChanged') ??
    booleanFlaw(value['importedBefore'], 'importedBefore') ??
    extraKey(value, MATCH_KEYS)
  );
}

const optionalIdFlaw = (value: unknown, key: string): Flaw | null => (value === undefined ? null : idFlaw(value, key));
const labelFlaw = (value: unknown, key: string): Flaw | null => (typeof value === 'string' && value.length <= 500 ? null : { path: [key], detail: 'a text of up to 500 characters' });

/** A company's choice (CompanyChoiceSchema): create, or map to a managed company. */
function choiceFlaw(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  if (value['kind'] === 'create') return optionalIdFlaw(value['replacing'], 'replacing') ?? extraKey(value, CREATE_KEYS);
  if (value['kind'] === 'map') {
    const { updateName } = value;
    return (
      idFlaw(value['managedCompanyId'], 'managedCompanyId') ??
      labelFlaw(value['managedCompanyName'], 'managedCompanyName') ??
      optionalIdFlaw(value['replacing'], 'replacing') ??
      (updateName === undefined || updateName === true ? null : { path: ['updateName'], detail: 'expected true' }) ??
      extraKey(value, MAP_COMPANY_KEYS)
    );
  }
  return { path: ['kind'], detail: 'Invalid input' };
}

/** A user's choice (UserChoiceSchema): create, or map to a user. */
function userChoiceFlaw(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  if (value['kind'] === 'create') return optionalIdFlaw(value['replacing'], 'replacing') ?? extraKey(value, CREATE_KEYS);
  if (value['kind'] === 'map') return idFlaw(value['userId'], 'userId') ?? labelFlaw(value['userLabel'], 'userLabel') ?? optionalIdFlaw(value['replacing'], 'replacing') ?? extraKey(value, MAP_USER_KEYS);
  return { path: ['kind'], detail: 'Invalid input' };
}

/** UserSelectionSchema, or null: "all", or the chosen contacts (ids as keys) with a choice each. */
function usersFlaw(value: unknown): Flaw | null {
  if (value === null || value === 'all') return null;
  if (!isRecord(value)) return { path: [], detail: 'expected null, "all" or the chosen contacts' };
  for (const key of Object.keys(value)) {
    if (key.length < 1 || key.length > 100) return { path: [key], detail: 'an id of 1 to 100 characters' };
    const flaw = within(userChoiceFlaw(value[key]), key);
    if (flaw) return flaw;
  }
  return null;
}

/** Null for a valid decision (PreviewDecisionSchema), else what is wrong and where. */
export function decisionProblem(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  const { choice, note } = value;
  return (
    idFlaw(value['psaCompanyId'], 'psaCompanyId') ??
    booleanFlaw(value['selected'], 'selected') ??
    (choice === null ? null : within(choiceFlaw(choice), 'choice')) ??
    within(usersFlaw(value['users']), 'users') ??
    (note === undefined || (typeof note === 'string' && note.length <= MAX_PREVIEW_NOTE_CHARS) ? null : { path: ['note'], detail: `a note of up to ${MAX_PREVIEW_NOTE_CHARS} characters` }) ??
    extraKey(value, DECISION_KEYS)
  );
}

/** Null for a valid snapshot contact, else what is wrong and where (relative to the contact). */
export function contactProblem(value: unknown): Flaw | null {
  if (!isRecord(value)) return { path: [], detail: 'expected object' };
  return (
    idFlaw(value['psaId'], 'psaId') ??
    idFlaw(value['companyPsaId'], 'companyPsaId') ??
    stringFlaw(value['firstName'], 'firstName') ??
    stringFlaw(value['lastName'], 'lastName') ??
    nullableStringFlaw(value['email'], 'email') ??
    booleanFlaw(value['active'], 'active') ??
    extraKey(value, CONTACT_KEYS)
  );
}

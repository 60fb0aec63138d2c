/**
 * The simulator's tenant, generated from a seed: Dutch and English MSP clients
 * with the mess real tenants have (legal-suffix variants, accents, duplicates,
 * inactive and soft-deleted records, contacts without or with shared email).
 */
import type { CompanyKind, SimCompany, SimContact, SimDataset, SimPicklists } from './model';
import {
  DUTCH_CITIES, DUTCH_FOUNDATIONS, DUTCH_LEGAL_FORMS, DUTCH_SURNAMES, DUTCH_TITLES, DUTCH_TRADES, ENGLISH_BRANDS, ENGLISH_CITIES,
  ENGLISH_LEGAL_FORMS, ENGLISH_SURNAMES, ENGLISH_TITLES, ENGLISH_TRADES, FIRST_NAMES,
} from './names';
import { OWN_ORGANISATION_SPEC, PLANTED_SPECS, type CompanySpec, type ContactSpec, type Origin } from './planted';
import { seededRandom, type Random } from './random';

export { PLANTED } from './planted';

export interface DatasetOptions {
  readonly seed: number;
  readonly companies: number;
  /** Average; each company gets between 0 and twice this many. */
  readonly contactsPerCompany: number;
}

export const PLANTED_MIN_COMPANIES = 50;

/** Ids start here; companies and contacts share one counter, interleaved like a real tenant's. */
export const FIRST_ID = 1000;

/** Autotask's id for the MSP's own organisation ("local organization", psa-apis.md A.6). */
export const OWN_ORGANISATION_ID = 0;

const GENERATED_FROM = Date.UTC(2015, 0, 5);
/** Generated data never changes after this, so later mutations always sort after it. */
export const GENERATED_UNTIL = Date.UTC(2025, 11, 31);

export const SIM_PICKLISTS: SimPicklists = {
  classifications: [
    { id: 1, name: 'Platinum', active: true },
    { id: 2, name: 'Gold', active: true },
    { id: 3, name: 'Silver', active: true },
    { id: 4, name: 'Bronze', active: true },
    { id: 5, name: 'Break/fix', active: true },
    { id: 6, name: 'Legacy contract', active: false },
  ],
  territories: [
    { id: 29683450, name: 'Noord', active: true },
    { id: 29683451, name: 'Oost', active: true },
    { id: 29683452, name: 'Zuid', active: true },
    { id: 29683453, name: 'West', active: true },
    { id: 29683454, name: 'Randstad', active: true },
    { id: 29683455, name: 'United Kingdom', active: true },
    { id: 29683456, name: 'België (oud)', active: false },
  ],
  marketSegments: [
    { id: 29683480, name: 'Zorg', active: true },
    { id: 29683481, name: 'Onderwijs', active: true },
    { id: 29683482, name: 'Juridisch', active: true },
    { id: 29683483, name: 'Financiële dienstverlening', active: true },
    { id: 29683484, name: 'Bouw & Techniek', active: true },
    { id: 29683485, name: 'Retail', active: true },
    { id: 29683486, name: 'Non-profit', active: true },
    { id: 29683487, name: 'Horeca', active: false },
  ],
};

const folded = new Map<string, string>();

const LEGAL_WORDS = new Set(['bv', 'nv', 'ltd', 'limited', 'inc', 'llc', 'llp', 'gmbh', 'vof', 'co', 'zn', 'and', 'group']);

/** A loose identity key, only to keep random names clear of the planted ones. */
function looseKey(name: string): string {
  return fold(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !LEGAL_WORDS.has(word))
    .join(' ');
}

const PLANTED_KEYS = new Set(PLANTED_SPECS.map((spec) => looseKey(spec.name)));

/** Strips accents ("Müller" → "Muller"); memoised, since the word pools are small and generation must stay fast. */
export function fold(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let result = folded.get(text);
  if (result === undefined) {
    result = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/ı/g, 'i');
    if (folded.size < 50_000) folded.set(text, result);
  }
  return result;
}

const KIND_WEIGHTS: readonly (readonly [CompanyKind, number])[] = [
  ['customer', 70],
  ['prospect', 8],
  ['lead', 5],
  ['vendor', 5],
  ['partner', 3],
  ['dead', 5],
  ['cancellation', 4],
];

function withLegalForm(base: string, form: string): string {
  return form ? `${base} ${form}` : base;
}

function randomName(random: Random, origin: Origin): string {
  if (origin === 'nl') {
    const roll = random.next();
    if (roll < 0.1) return `${random.pick(DUTCH_FOUNDATIONS)} ${random.pick(DUTCH_CITIES)}`;
    const form = random.weighted(DUTCH_LEGAL_FORMS);
    if (roll < 0.25) return withLegalForm(`${random.pick(DUTCH_SURNAMES)} & ${random.pick(DUTCH_SURNAMES)} ${random.pick(DUTCH_TRADES)}`, form);
    if (roll < 0.4) return withLegalForm(`${random.pick(DUTCH_TRADES)} ${random.pick(DUTCH_CITIES)}`, form);
    const base = `${random.pick(DUTCH_SURNAMES)} ${random.pick(DUTCH_TRADES)}`;
    return withLegalForm(random.chance(0.25) ? `${base} ${random.pick(DUTCH_CITIES)}` : base, form);
  }
  const roll = random.next();
  const form = random.weighted(ENGLISH_LEGAL_FORMS);
  if (roll < 0.2) return withLegalForm(`${random.pick(ENGLISH_SURNAMES)} & ${random.pick(ENGLISH_SURNAMES)}`, form);
  if (roll < 0.3) return withLegalForm(`${random.pick(ENGLISH_CITIES)} ${random.pick(ENGLISH_TRADES)}`, form);
  return withLegalForm(`${random.pick(ENGLISH_BRANDS)} ${random.pick(ENGLISH_TRADES)}`, form);
}

function randomSpec(random: Random): CompanySpec {
  const origin: Origin = random.chance(0.7) ? 'nl' : 'en';
  let name = randomName(random, origin);
  while (PLANTED_KEYS.has(looseKey(name))) name = randomName(random, origin);
  const kind = random.weighted(KIND_WEIGHTS);
  const active = kind === 'dead' || kind === 'cancellation' ? random.chance(0.3) : random.chance(0.95);
  return { name, origin, kind, active, deleted: random.chance(0.008) };
}

/** Dutch surnames lose their capital particle after a first name: "Jan de Vries". */
const PERSONAL_DUTCH_SURNAMES = DUTCH_SURNAMES.map((surname) => {
  const words = surname.split(' ');
  return words.map((word, index) => (index < words.length - 1 && /^(De|Van|Der|Den|Het)$/.test(word) ? word.toLowerCase() : word)).join(' ');
});

const emailLocals = new Map<string, string>();

function emailLocal(firstName: string, lastName: string): string {
  const key = `${firstName}|${lastName}`;
  let local = emailLocals.get(key);
  if (local === undefined) {
    local = `${fold(firstName)}.${fold(lastName)}`.replace(/[^A-Za-z.-]/g, '');
    emailLocals.set(key, local);
  }
  return local;
}

function emailDomain(name: string, origin: Origin): string {
  const slug = looseKey(name).replace(/ /g, '').slice(0, 24) || 'example';
  return `${slug}.${origin === 'nl' ? 'nl' : 'co.uk'}`;
}

function randomContact(random: Random, origin: Origin, domain: string, companyActive: boolean): ContactSpec {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(origin === 'nl' ? PERSONAL_DUTCH_SURNAMES : ENGLISH_SURNAMES);
  const local = emailLocal(firstName, lastName);
  // No email is sometimes null and sometimes "" on real tenants; one draw decides both, so seeds keep their data.
  const noEmail = random.next();
  // Some address books keep the capitals people typed.
  const email = noEmail < 0.04 ? null : noEmail < 0.07 ? '' : `${random.chance(0.05) ? local : local.toLowerCase()}@${domain}`;
  return {
    firstName,
    lastName,
    email,
    active: companyActive ? random.chance(0.9) : random.chance(0.5),
    title: random.pick(origin === 'nl' ? DUTCH_TITLES : ENGLISH_TITLES),
  };
}

function phoneNumber(random: Random, origin: Origin): string {
  if (origin === 'nl') return `0${random.pick(['10', '20', '30', '33', '38', '40', '50', '58', '70', '71', '72', '76'])}-${random.int(1_000_000, 9_999_999)}`;
  return `+44 ${random.pick(['20', '161', '113', '117', '118', '1865', '1223'])} ${random.int(100, 999)} ${random.int(1000, 9999)}`;
}

const dayPrefixes = new Map<number, string>();
const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** `toISOString()` at whole seconds; the date part is cached per day because generation formats ~100k timestamps. */
function iso(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const inDay = seconds - day * 86_400;
  return `${prefix}${pad2(Math.floor(inDay / 3600))}:${pad2(Math.floor(inDay / 60) % 60)}:${pad2(inDay % 60)}.000Z`;
}

function uniqueIdentifier(name: string, taken: Set<string>): string {
  const base = fold(name).replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'Company';
  let identifier = base;
  for (let suffix = 2; taken.has(identifier.toLowerCase()); suffix++) identifier = `${base}${suffix}`;
  taken.add(identifier.toLowerCase());
  return identifier;
}

function plantPositions(companies: number): Map<number, CompanySpec> {
  const positions = new Map<number, CompanySpec>();
  if (companies < PLANTED_MIN_COMPANIES) return positions;
  // Spread out, so the hard cases land on different pages.
  PLANTED_SPECS.forEach((spec, index) => positions.set(Math.floor(((index + 0.5) * companies) / PLANTED_SPECS.length), spec));
  return positions;
}

export function generateDataset(options: DatasetOptions): SimDataset {
  const random = seededRandom(options.seed);
  const data: SimDataset = { companies: [], contacts: [], picklists: SIM_PICKLISTS, nextId: FIRST_ID };
  const identifiers = new Set<string>();
  const plants = plantPositions(options.companies);
  const span = GENERATED_UNTIL - GENERATED_FROM;
  addOwnOrganisation(data, identifiers);

  for (let index = 0; index < options.companies; index++) {
    const spec = plants.get(index) ?? randomSpec(random);
    // Ids follow creation order, so creation dates rise with them.
    const created = GENERATED_FROM + (span * 0.9 * (index + random.next())) / options.companies;
    const company: SimCompany = {
      id: data.nextId++,
      name: spec.name,
      identifier: uniqueIdentifier(spec.name, identifiers),
      kind: spec.kind,
      active: spec.active,
      deleted: spec.deleted,
      classificationId: random.chance(0.7) ? random.pick(SIM_PICKLISTS.classifications).id : null,
      territoryId: random.chance(0.8) ? random.pick(SIM_PICKLISTS.territories).id : null,
      marketSegmentId: random.chance(0.75) ? random.pick(SIM_PICKLISTS.marketSegments).id : null,
      phone: phoneNumber(random, spec.origin),
      city: random.pick(spec.origin === 'nl' ? DUTCH_CITIES : ENGLISH_CITIES),
      createdAt: iso(created),
      lastModifiedAt: iso(created + random.next() * (GENERATED_UNTIL - created)),
    };
    data.companies.push(company);

    const domain = emailDomain(spec.name, spec.origin);
    const contactSpecs =
      spec.contacts ??
      Array.from({ length: Math.floor(random.next() * (2 * options.contactsPerCompany + 1)) }, () =>
        randomContact(random, spec.origin, domain, spec.active),
      );
    contactSpecs.forEach((contact, position) => {
      data.contacts.push({
        id: data.nextId++,
        companyId: company.id,
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        active: contact.active ?? true,
        primary: position === 0,
        title: contact.title ?? '',
        lastModifiedAt: iso(created + random.next() * (GENERATED_UNTIL - created)),
      });
    });
  }
  return data;
}

/** Company 0, the MSP itself, with fixed values: it draws nothing from the seed, so the rest of a tenant does not depend on it. */
function addOwnOrganisation(data: SimDataset, identifiers: Set<string>): void {
  const spec = OWN_ORGANISATION_SPEC;
  const created = iso(GENERATED_FROM);
  data.companies.push({
    id: OWN_ORGANISATION_ID,
    name: spec.name,
    identifier: uniqueIdentifier(spec.name, identifiers),
    kind: spec.kind,
    active: true,
    deleted: false,
    classificationId: null,
    territoryId: null,
    marketSegmentId: null,
    phone: '030-1234567',
    city: 'Utrecht',
    createdAt: created,
    lastModifiedAt: created,
    ownOrganisation: true,
  });
  for (const [position, contact] of (spec.contacts ?? []).entries()) {
    data.contacts.push({ id: data.nextId++, companyId: OWN_ORGANISATION_ID, firstName: contact.firstName, lastName: contact.lastName, email: contact.email, active: true, primary: position === 0, title: contact.title ?? '', lastModifiedAt: created });
  }
}

// ---- Mutations (the simulator's admin endpoint and tests change a running tenant) ----

export interface NewContact {
  readonly companyId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email?: string | null;
  readonly active?: boolean;
  readonly primary?: boolean;
  readonly title?: string;
}

export interface NewCompany {
  readonly name: string;
  readonly kind?: CompanyKind;
  readonly active?: boolean;
  /** A number generates that many contacts; a list adds exactly those. */
  readonly contacts?: number | readonly Omit<NewContact, 'companyId'>[];
}

/** Later than every generated timestamp, so "modified since" syncs see the change. */
function modificationTime(): string {
  return new Date(Math.max(Date.now(), GENERATED_UNTIL + 1000)).toISOString();
}

function insertById<T extends { readonly id: number }>(items: T[], item: T): void {
  const last = items.at(-1);
  if (!last || last.id < item.id) {
    items.push(item);
    return;
  }
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as T).id < item.id) low = middle + 1;
    else high = middle;
  }
  items.splice(low, 0, item);
}

export function findCompany(data: SimDataset, id: number): SimCompany | undefined {
  let low = 0;
  let high = data.companies.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const company = data.companies[middle] as SimCompany;
    if (company.id === id) return company;
    if (company.id < id) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

function requireCompany(data: SimDataset, id: number): SimCompany {
  const company = findCompany(data, id);
  if (!company) throw new Error(`No company with id ${id}`);
  return company;
}

export function renameCompany(data: SimDataset, id: number, name: string): SimCompany {
  data.revision = (data.revision ?? 0) + 1;
  const company = requireCompany(data, id);
  company.name = name;
  company.lastModifiedAt = modificationTime();
  return company;
}

export function deleteCompany(data: SimDataset, id: number): SimCompany {
  data.revision = (data.revision ?? 0) + 1;
  const company = requireCompany(data, id);
  company.deleted = true;
  company.lastModifiedAt = modificationTime();
  return company;
}

/** Undoes a soft delete: the company (and, on Autotask, its contacts) shows again, in the middle of the id space. */
export function restoreCompany(data: SimDataset, id: number): SimCompany {
  data.revision = (data.revision ?? 0) + 1;
  const company = requireCompany(data, id);
  company.deleted = false;
  company.lastModifiedAt = modificationTime();
  return company;
}

export function addContact(data: SimDataset, input: NewContact): SimContact {
  data.revision = (data.revision ?? 0) + 1;
  requireCompany(data, input.companyId);
  const contact: SimContact = {
    id: data.nextId++,
    companyId: input.companyId,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email ?? null,
    active: input.active ?? true,
    primary: input.primary ?? false,
    title: input.title ?? '',
    lastModifiedAt: modificationTime(),
  };
  insertById(data.contacts, contact);
  return contact;
}

export function addCompany(data: SimDataset, input: NewCompany): { company: SimCompany; contacts: SimContact[] } {
  data.revision = (data.revision ?? 0) + 1;
  const now = modificationTime();
  const taken = new Set(data.companies.map((company) => company.identifier.toLowerCase()));
  const company: SimCompany = {
    id: data.nextId++,
    name: input.name,
    identifier: uniqueIdentifier(input.name, taken),
    kind: input.kind ?? 'customer',
    active: input.active ?? true,
    deleted: false,
    classificationId: null,
    territoryId: null,
    marketSegmentId: null,
    phone: '',
    city: '',
    createdAt: now,
    lastModifiedAt: now,
  };
  insertById(data.companies, company);
  const random = seededRandom(company.id);
  const domain = emailDomain(input.name, 'nl');
  const specs =
    typeof input.contacts === 'number'
      ? Array.from({ length: input.contacts }, () => randomContact(random, 'nl', domain, company.active))
      : (input.contacts ?? []);
  const contacts = specs.map((spec, position) => addContact(data, { primary: position === 0, ...spec, companyId: company.id }));
  return { company, contacts };
}

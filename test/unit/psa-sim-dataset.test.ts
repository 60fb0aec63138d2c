import { describe, expect, it } from 'vitest';
import { addCompany, addContact, deleteCompany, generateDataset, GENERATED_UNTIL, PLANTED, renameCompany } from '../fakes/psa-sim/dataset';
import { COMPANY_KINDS, type SimDataset } from '../fakes/psa-sim/model';

const named = (data: SimDataset, name: string) => data.companies.filter((company) => company.name === name);
const contactsOf = (data: SimDataset, companyId: number) => data.contacts.filter((contact) => contact.companyId === companyId);
const only = (data: SimDataset, name: string) => {
  const found = named(data, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('PSA simulator data set', () => {
  const data = generateDataset({ seed: 7, companies: 2000, contactsPerCompany: 8 });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { seed: 42, companies: 300, contactsPerCompany: 5 };
    expect(generateDataset(options)).toEqual(generateDataset(options));
    expect(generateDataset({ ...options, seed: 43 }).companies.map((company) => company.name)).not.toEqual(generateDataset(options).companies.map((company) => company.name));
  });

  it('has the requested size plus the MSP itself (company 0), contacts averaging contactsPerCompany and varying per company', () => {
    expect(data.companies).toHaveLength(2001);
    expect(data.companies[0]).toMatchObject({ id: 0, name: PLANTED.ownOrganisation, ownOrganisation: true, active: true, deleted: false });
    expect(contactsOf(data, 0).length).toBeGreaterThan(0);
    expect(data.contacts.length).toBeGreaterThan(2000 * 8 * 0.9);
    expect(data.contacts.length).toBeLessThan(2000 * 8 * 1.1);
    const perCompany = new Set(data.companies.map((company) => contactsOf(data, company.id).length));
    expect(perCompany.size).toBeGreaterThan(10);
  });

  it('keeps ids unique and ascending, sharing one counter', () => {
    const ids = [...data.companies, ...data.contacts].map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const list of [data.companies, data.contacts]) for (let i = 1; i < list.length; i++) expect(list[i]!.id).toBeGreaterThan(list[i - 1]!.id);
    expect(data.nextId).toBeGreaterThan(Math.max(...ids));
    const companyIds = new Set(data.companies.map((company) => company.id));
    expect(data.contacts.every((contact) => companyIds.has(contact.companyId))).toBe(true);
  });

  it('gives every company a unique ConnectWise identifier of at most 30 characters', () => {
    const identifiers = data.companies.map((company) => company.identifier.toLowerCase());
    expect(new Set(identifiers).size).toBe(identifiers.length);
    expect(data.companies.every((company) => company.identifier.length > 0 && company.identifier.length <= 30)).toBe(true);
  });

  it('dates creation in id order and never modifies before creation', () => {
    for (let i = 1; i < data.companies.length; i++) expect(data.companies[i]!.createdAt >= data.companies[i - 1]!.createdAt).toBe(true);
    expect(data.companies.every((company) => company.lastModifiedAt >= company.createdAt)).toBe(true);
    expect(data.companies.every((company) => Date.parse(company.lastModifiedAt) <= GENERATED_UNTIL)).toBe(true);
  });

  it('plants legal-suffix, punctuation and transliteration variants', () => {
    for (const variants of Object.values(PLANTED.legalSuffixVariants)) for (const name of variants) expect(only(data, name).deleted).toBe(false);
  });

  it('plants accented names', () => {
    for (const name of PLANTED.accented) only(data, name);
    expect(data.contacts.some((contact) => /[éëöüß]/.test(contact.firstName + contact.lastName))).toBe(true);
  });

  it('plants exact duplicate names, a merged-away duplicate and a soft-deleted company', () => {
    const duplicates = named(data, PLANTED.exactDuplicate);
    expect(duplicates).toHaveLength(2);
    expect(duplicates.every((company) => !company.deleted && company.active)).toBe(true);
    expect(named(data, PLANTED.mergedAway).map((company) => company.deleted).sort()).toEqual([false, true]);
    expect(only(data, PLANTED.deleted).deleted).toBe(true);
  });

  it('has inactive companies and companies of every kind', () => {
    for (const name of PLANTED.inactive) expect(only(data, name).active).toBe(false);
    expect(new Set(data.companies.map((company) => company.kind))).toEqual(new Set(COMPANY_KINDS));
    expect(only(data, PLANTED.byKind.vendor).kind).toBe('vendor');
    expect(data.companies.filter((company) => !company.active && !company.deleted).length).toBeGreaterThan(20);
  });

  it('varies classification, territory and market segment, including unset and inactive picklist values', () => {
    for (const key of ['classificationId', 'territoryId', 'marketSegmentId'] as const) {
      const values = new Set(data.companies.map((company) => company[key]));
      expect(values.has(null), key).toBe(true);
      expect(values.size, key).toBeGreaterThan(4);
    }
    const inactiveTerritory = data.picklists.territories.find((entry) => !entry.active)!;
    expect(data.companies.some((company) => company.territoryId === inactiveTerritory.id)).toBe(true);
  });

  it('has contacts without email (null or ""), inactive contacts and one email at two companies', () => {
    const cafe = only(data, PLANTED.contactWithoutEmail);
    expect(contactsOf(data, cafe.id).some((contact) => contact.email === null)).toBe(true);
    const jansen = only(data, PLANTED.inactiveContact);
    expect(contactsOf(data, jansen.id).some((contact) => !contact.active)).toBe(true);
    const shared = data.contacts.filter((contact) => contact.email === PLANTED.sharedEmail);
    expect(new Set(shared.map((contact) => contact.companyId)).size).toBe(2);
    expect(data.contacts.filter((contact) => contact.email === null).length).toBeGreaterThan(data.contacts.length * 0.03);
    // "" as well as null: real tenants have both.
    expect(contactsOf(data, only(data, PLANTED.contactWithEmptyEmail).id).some((contact) => contact.email === '')).toBe(true);
    expect(data.contacts.filter((contact) => contact.email === '').length).toBeGreaterThan(data.contacts.length * 0.02);
    expect(data.contacts.filter((contact) => !contact.active).length).toBeGreaterThan(data.contacts.length * 0.05);
  });

  it('marks the first contact of a company primary', () => {
    const firsts = new Map<number, boolean>();
    for (const contact of data.contacts) if (!firsts.has(contact.companyId)) firsts.set(contact.companyId, contact.primary);
    expect([...firsts.values()].every(Boolean)).toBe(true);
  });

  it('plants nothing in a tenant too small to hold the hard cases', () => {
    const small = generateDataset({ seed: 7, companies: 20, contactsPerCompany: 2 });
    expect(small.companies).toHaveLength(21);
    expect(named(small, PLANTED.legalSuffixVariants.acme[0])).toHaveLength(0);
    expect(small.companies[0]?.ownOrganisation).toBe(true);
  });

  // Its speed is the benchmarks' business (bench:fetch generates it too); a wall-clock bound here only flakes under load.
  it('generates a benchmark-sized tenant: 10,000 companies with about 8 contacts each', () => {
    const big = generateDataset({ seed: 1, companies: 10_000, contactsPerCompany: 8 });
    expect(big.contacts.length).toBeGreaterThan(70_000);
  });

  describe('mutations', () => {
    it('renames and soft-deletes, stamping a modification time after all generated data', () => {
      const tenant = generateDataset({ seed: 3, companies: 60, contactsPerCompany: 2 });
      const target = tenant.companies[10]!;
      renameCompany(tenant, target.id, 'Renamed B.V.');
      expect(target.name).toBe('Renamed B.V.');
      expect(Date.parse(target.lastModifiedAt)).toBeGreaterThan(GENERATED_UNTIL);
      deleteCompany(tenant, tenant.companies[11]!.id);
      expect(tenant.companies[11]!.deleted).toBe(true);
      expect(() => renameCompany(tenant, 1, 'x')).toThrow(/No company with id 1/);
    });

    it('adds companies and contacts with fresh ascending ids and keeps the arrays sorted', () => {
      const tenant = generateDataset({ seed: 3, companies: 60, contactsPerCompany: 2 });
      const before = tenant.nextId;
      const generated = addCompany(tenant, { name: 'Nieuw Bedrijf B.V.', kind: 'prospect', contacts: 3 });
      expect(generated.company.id).toBe(before);
      expect(generated.contacts).toHaveLength(3);
      expect(generated.contacts[0]!.primary).toBe(true);
      const listed = addCompany(tenant, { name: 'Nieuw Bedrijf B.V.', contacts: [{ firstName: 'Ada', lastName: 'Lovelace', email: null }] });
      expect(listed.company.identifier).not.toBe(generated.company.identifier);
      expect(listed.contacts[0]).toMatchObject({ firstName: 'Ada', email: null, primary: true, companyId: listed.company.id });
      const extra = addContact(tenant, { companyId: generated.company.id, firstName: 'Bo', lastName: 'Visser', email: 'bo@example.nl' });
      expect(extra.id).toBeGreaterThan(listed.contacts[0]!.id);
      for (const list of [tenant.companies, tenant.contacts]) for (let i = 1; i < list.length; i++) expect(list[i]!.id).toBeGreaterThan(list[i - 1]!.id);
      expect(() => addContact(tenant, { companyId: 5, firstName: 'x', lastName: 'y' })).toThrow();
    });
  });
});

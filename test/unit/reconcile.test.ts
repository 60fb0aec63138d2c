import { describe, expect, it } from 'vitest';
import { matchContacts, reconcileCompanies, type CompanyMappingRef } from '../../electron/main/import/reconcile';
import type { PsaCompanyRecord, PsaContactRecord } from '../../shared/psa/records';

const company = (psaId: string, name: string): PsaCompanyRecord => ({ psaId, name, typeLabel: 'Customer', active: true, lastModifiedAt: null });
const contact = (psaId: string, email: string | null): PsaContactRecord => ({ psaId, companyPsaId: '1', firstName: 'A', lastName: 'B', email, active: true });

describe('company reconciliation', () => {
  const managed = [
    { id: 'm-acme', name: 'Acme Ltd' },
    { id: 'm-jansen', name: 'Jansen Installatietechniek B.V.' },
    { id: 'm-vries-1', name: 'De Vries Accountants' },
    { id: 'm-vries-2', name: 'De Vries Accountants B.V.' },
    { id: 'm-mapped', name: 'Globex Corporation' },
    { id: 'm-gone', name: 'Oude Klant' },
  ];
  const mappings: CompanyMappingRef[] = [
    { psaCompanyId: '500', managedCompanyId: 'm-mapped', lastImportedAt: '2026-10-01T10:00:00Z' },
    { psaCompanyId: '999', managedCompanyId: 'm-gone', lastImportedAt: '2026-09-01T10:00:00Z' },
  ];
  const fetched = [
    company('500', 'Globex Corp. (renamed)'),
    company('501', 'ACME LIMITED'),
    company('502', 'Jansen Installatietechniek BV'),
    company('503', 'De Vries Accountants'),
    company('504', 'Brand New B.V.'),
    company('505', 'Globex Corporation'),
  ];
  const result = reconcileCompanies(fetched, managed, mappings);
  const status = (psaId: string) => result.inPsa.find((entry) => entry.psaCompanyId === psaId)!;

  it('mapped by PSA id, whatever the name is now', () => {
    expect(status('500')).toMatchObject({ status: 'mapped', managedCompany: { id: 'm-mapped', name: 'Globex Corporation' }, lastImportedAt: '2026-10-01T10:00:00Z' });
  });

  it('a possible duplicate when exactly one unmapped managed company has the same normalized name', () => {
    expect(status('501')).toMatchObject({ status: 'possible-duplicate', managedCompany: { id: 'm-acme', name: 'Acme Ltd' } });
    expect(status('502')).toMatchObject({ status: 'possible-duplicate', managedCompany: { id: 'm-jansen', name: 'Jansen Installatietechniek B.V.' } });
  });

  it('never guesses between several same-named companies', () => {
    expect(status('503')).toMatchObject({ status: 'ambiguous-duplicate', managedCompany: null, candidates: [managed[2], managed[3]] });
  });

  it('never lets two PSA companies default to the same managed company', () => {
    const twins = reconcileCompanies([company('601', 'Acme Ltd'), company('602', 'ACME Limited'), company('603', 'Jansen Installatietechniek')], managed, mappings);
    const of = (psaId: string) => twins.inPsa.find((entry) => entry.psaCompanyId === psaId)!;
    expect(of('601')).toMatchObject({ status: 'ambiguous-duplicate', managedCompany: null, candidates: [managed[0]] });
    expect(of('602')).toMatchObject({ status: 'ambiguous-duplicate', managedCompany: null, candidates: [managed[0]] });
    expect(of('603')).toMatchObject({ status: 'possible-duplicate', managedCompany: { id: 'm-jansen', name: 'Jansen Installatietechniek B.V.' } });
  });

  it('unmapped when nothing matches; a mapped managed company is nobody’s duplicate', () => {
    expect(status('504')).toMatchObject({ status: 'unmapped', managedCompany: null });
    expect(status('505')).toMatchObject({ status: 'unmapped' });
  });

  it('lists unmapped companies first', () => {
    expect(result.inPsa.map((entry) => entry.status)).toEqual(['unmapped', 'unmapped', 'possible-duplicate', 'possible-duplicate', 'ambiguous-duplicate', 'mapped']);
  });

  it('puts mapped companies this fetch did not return on the "not in" list', () => {
    expect(result.notInPsa).toEqual([{ mapping: mappings[1], managedCompany: managed[5] }]);
  });
});

describe('contact matching', () => {
  const users = [
    { id: 'u1', managedCompanyId: 'm', email: 'anna@acme.example' },
    { id: 'u2', managedCompanyId: 'm', email: 'Bert@Acme.example' },
  ];
  const matches = matchContacts(
    [contact('c1', 'anna.new@acme.example'), contact('c2', 'bert@acme.example'), contact('c3', 'new@acme.example'), contact('c4', null), contact('c5', 'anna@acme.example')],
    users,
    [{ psaContactId: 'c1', userId: 'u1' }, { psaContactId: 'c5', userId: 'u1' }],
    new Map([['1', 'm']]),
  );
  const get = (psaId: string) => matches[Number(psaId.slice(1)) - 1];

  it('uses the mapping first and reports an email change', () => {
    expect(get('c1')).toEqual({ kind: 'mapped', userId: 'u1', emailChanged: true });
    expect(get('c5')).toEqual({ kind: 'mapped', userId: 'u1', emailChanged: false });
  });

  it('then the email, case-insensitively', () => {
    expect(get('c2')).toEqual({ kind: 'same-email', userId: 'u2' });
  });

  it('else a new user', () => {
    expect(get('c3')).toEqual({ kind: 'new' });
    expect(get('c4')).toEqual({ kind: 'new' });
  });
});

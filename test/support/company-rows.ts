import type { ImportCompanyRow } from '../../shared/import/session';

/** An unmapped PSA company as the companies and users steps show it, with `contacts` contacts. */
export function unmappedCompanyRow(psaCompanyId: string, contacts: number, name = `Company ${psaCompanyId}`): ImportCompanyRow {
  return { psaCompanyId, name, typeLabel: null, active: true, status: 'unmapped', managedCompany: null, candidates: [], lastImportedAt: null, renamedFrom: null, contacts };
}

/** A reconciled company row named "PSA <id>" with two contacts, unmapped unless `over` says otherwise. */
export function companyRow(id: string, over: Partial<ImportCompanyRow> = {}): ImportCompanyRow {
  return { ...unmappedCompanyRow(id, 2, `PSA ${id}`), ...over };
}

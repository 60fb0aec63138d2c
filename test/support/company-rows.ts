import type { ImportCompanyRow } from '../../shared/import/session';

/** An unmapped PSA company as the companies and users steps show it, with `contacts` contacts. */
export function unmappedCompanyRow(psaCompanyId: string, contacts: number, name = `Company ${psaCompanyId}`): ImportCompanyRow {
  return { psaCompanyId, name, typeLabel: null, active: true, status: 'unmapped', managedCompany: null, candidates: [], lastImportedAt: null, renamedFrom: null, contacts };
}

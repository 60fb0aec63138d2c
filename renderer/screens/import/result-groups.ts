/**
 * The results page at volume: one row per error would be thousands of the
 * same line after a license shortfall, so errors are grouped by kind, largest
 * group first, each searchable. Pure, so the grouping is tested without a screen.
 */
import type { OutcomeError } from '../../../shared/import/outcome-errors';
import type { ImportResults } from '../../../shared/import/plan';
import type { PsaErrorView } from '../../../shared/psa/errors';
import { matchesSearch } from '../../app/search';

export type ErrorKind = PsaErrorView['kind'] | OutcomeError;

export interface ErrorRow {
  readonly key: string;
  /** The company, the user (with their company) or the integration the error concerns. */
  readonly subject: string;
  readonly kind: ErrorKind;
  readonly detail: string | null | undefined;
}

export interface ErrorGroup {
  readonly kind: ErrorKind;
  readonly rows: readonly ErrorRow[];
}

export interface ResultTotals {
  readonly companies: { readonly created: number; readonly mapped: number; readonly failed: number };
  readonly users: { readonly imported: number; readonly mapped: number; readonly failed: number };
  /** Users who have access after the import: new ones and those mapped (each holds a seat). */
  readonly granted: number;
}

export function resultTotals(results: ImportResults): ResultTotals {
  const companies = { created: 0, mapped: 0, failed: 0 };
  const users = { imported: 0, mapped: 0, failed: 0 };
  for (const company of results.companies) companies[company.outcome]++;
  for (const user of results.users) users[user.outcome]++;
  return { companies, users, granted: users.imported + users.mapped };
}

/** Every error of the page: what stopped the import (if anything), then failed companies, then failed users. */
export function errorRows(results: ImportResults, failure: { readonly error: PsaErrorView; readonly subject: string } | null, names: ReadonlyMap<string, string>): ErrorRow[] {
  const rows: ErrorRow[] = [];
  if (failure) rows.push({ key: 'failure', subject: failure.subject, kind: failure.error.kind, detail: failure.error.detail });
  for (const company of results.companies) {
    if (company.error) rows.push({ key: `c:${company.psaCompanyId}`, subject: company.name || names.get(company.psaCompanyId) || company.psaCompanyId, kind: company.error, detail: company.detail });
  }
  for (const user of results.users) {
    if (user.error) rows.push({ key: `u:${user.psaContactId}`, subject: `${user.email ?? user.psaContactId} (${names.get(user.psaCompanyId) ?? user.psaCompanyId})`, kind: user.error, detail: user.detail });
  }
  return rows;
}

/** Errors by kind, the largest group first (ties in the order the kinds first appear); rows keep their order. */
export function groupErrors(rows: readonly ErrorRow[]): ErrorGroup[] {
  const groups = new Map<ErrorKind, ErrorRow[]>();
  for (const row of rows) {
    const group = groups.get(row.kind);
    if (group) group.push(row);
    else groups.set(row.kind, [row]);
  }
  return [...groups].map(([kind, grouped]) => ({ kind, rows: grouped })).sort((a, b) => b.rows.length - a.rows.length);
}

/** A group's rows that match a search on what they concern or their detail (case and accents ignored). */
export function searchErrors(rows: readonly ErrorRow[], query: string): readonly ErrorRow[] {
  if (query.trim() === '') return rows;
  return rows.filter((row) => matchesSearch(row.detail ? `${row.subject} ${row.detail}` : row.subject, query));
}

/**
 * The tables of an import preview's exports (issue 12), for people without the app: companies in the PSA (with the
 * decision for each), companies not in the PSA, users per company (how each contact matched, and whether it is
 * granted access), and — when given — the drift found before an apply later. Pure: the CSV files
 * (preview-export-csv.ts) and the printable HTML report (preview-export-html.ts) are both made of these.
 * Every header and word goes through `t` (keys `previewExport.*`, EN and NL); dates are formatted for `locale`.
 */
import { effectiveChoice, type ImportDraft } from '../import/draft';
import type { Drift } from '../import/drift';
import type { ImportCompanyRow, NotInPsaRow } from '../import/session';
import type { PsaFilter } from '../psa/filters';
import type { PsaKind } from '../psa/kinds';
import type { PreviewContact, PreviewContactMatch } from './preview-document';

/** An i18next-like translation: the key and its interpolation values. */
export type PreviewExportT = (key: string, values?: Record<string, unknown>) => string;

export interface PreviewExportMeta {
  readonly psa: PsaKind;
  readonly createdByName: string;
  readonly createdAt: string;
  readonly fetchedAt: string;
  /** The preview's file name (its exports are named after it). */
  readonly fileName: string;
  /** The filter of the download, summarised in the report's header. */
  readonly filter?: PsaFilter;
}

export interface PreviewExportInput {
  readonly meta: PreviewExportMeta;
  /** Companies in the PSA, as the preview shows them. */
  readonly rows: readonly ImportCompanyRow[];
  readonly notInPsa: readonly NotInPsaRow[];
  readonly contacts: readonly PreviewContact[];
  /** How contacts matched the workspace's users (only those not new). */
  readonly contactMatches: readonly PreviewContactMatch[];
  readonly draft: ImportDraft;
  /** The drift last listed before an apply later; null: none was listed (no drift table). */
  readonly drift: readonly Drift[] | null;
  readonly t: PreviewExportT;
  /** The language's locale, e.g. 'en' or 'nl': the report's `lang` and how dates and numbers are written. */
  readonly locale: string;
}

export type PreviewTableName = 'companiesIn' | 'companiesNotIn' | 'users' | 'drift';

export interface PreviewTable {
  readonly name: PreviewTableName;
  readonly title: string;
  readonly columns: readonly string[];
  /** Cells as text; the first cell of a row names the row (the report's row header). */
  readonly rows: ReadonlyArray<readonly string[]>;
}

const has = <T>(record: Readonly<Record<string, T>>, key: string): boolean => Object.hasOwn(record, key);

export function psaLabel(input: Pick<PreviewExportInput, 't' | 'meta'>): string {
  return input.t(`psa.${input.meta.psa}`);
}

/** A timestamp as the language writes it (the text as it is, should it be no date). */
export function formatWhen(value: string | null, locale: string): string {
  if (value === null) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
  }
  return format.format(date);
}

/** Whether a contact of a company is granted access by the draft (as the users step and the apply count it). */
export function isGranted(draft: ImportDraft, psaCompanyId: string, contact: PreviewContact, match: PreviewContactMatch | undefined): boolean {
  if (!has(draft.selected, psaCompanyId)) return false;
  const users = has(draft.users, psaCompanyId) ? draft.users[psaCompanyId] : undefined;
  if (users === 'all') return contact.email !== null;
  if (users) return has(users, contact.psaId);
  return match?.importedBefore ?? false;
}

/** Every table of the export, in order; the drift table only when drift is given. */
export function previewTables(input: PreviewExportInput): PreviewTable[] {
  const { t, draft, locale } = input;
  const psa = psaLabel(input);
  const yesNo = (value: boolean) => t(value ? 'previewExport.yes' : 'previewExport.no');

  const companiesIn: PreviewTable = {
    name: 'companiesIn',
    title: t('previewExport.tables.companiesIn', { psa }),
    columns: ['name', 'type', 'status', 'psaStatus', 'managedCompany', 'decision', 'selected', 'note'].map((key) => t(`previewExport.columns.${key}`, { psa })),
    rows: input.rows.map((row) => {
      const choice = effectiveChoice(row, draft);
      const decision =
        choice === null
          ? t('previewExport.decision.choose')
          : choice.kind === 'map'
            ? t('previewExport.decision.map', { name: choice.managedCompanyName })
            : t(choice.replacing ? 'previewExport.decision.unmapCreate' : 'previewExport.decision.create');
      const managed = choice?.kind === 'map' ? choice.managedCompanyName : (row.managedCompany?.name ?? '');
      return [
        row.name,
        row.typeLabel ?? '',
        t(`previewExport.status.${row.status}`),
        t(row.active ? 'previewExport.active' : 'previewExport.inactive'),
        managed,
        decision,
        yesNo(has(draft.selected, row.psaCompanyId)),
        has(draft.notes, row.psaCompanyId) ? draft.notes[row.psaCompanyId]! : '',
      ];
    }),
  };

  const companiesNotIn: PreviewTable = {
    name: 'companiesNotIn',
    title: t('previewExport.tables.companiesNotIn', { psa }),
    columns: ['managedCompany', 'psaNameAtMapping', 'lastImport'].map((key) => t(`previewExport.columns.${key}`, { psa })),
    rows: input.notInPsa.map((row) => [row.managedCompany.name, row.psaNameAtMapping, formatWhen(row.lastImportedAt, locale)]),
  };

  // Users, company by company in the rows' order; a contact's user: the one chosen for it, else the one it matched.
  const matches = new Map(input.contactMatches.map((match) => [match.psaContactId, match]));
  const byCompany = new Map<string, PreviewContact[]>();
  for (const contact of input.contacts) {
    const list = byCompany.get(contact.companyPsaId);
    if (list) list.push(contact);
    else byCompany.set(contact.companyPsaId, [contact]);
  }
  const users: PreviewTable = {
    name: 'users',
    title: t('previewExport.tables.users'),
    columns: ['company', 'contact', 'email', 'match', 'user', 'granted'].map((key) => t(`previewExport.columns.${key}`, { psa })),
    rows: input.rows.flatMap((row) =>
      (byCompany.get(row.psaCompanyId) ?? []).map((contact) => {
        const match = matches.get(contact.psaId);
        const selection = has(draft.users, row.psaCompanyId) ? draft.users[row.psaCompanyId] : undefined;
        const chosen = selection && selection !== 'all' && has(selection, contact.psaId) ? selection[contact.psaId] : undefined;
        return [
          row.name,
          `${contact.firstName} ${contact.lastName}`.trim(),
          contact.email ?? '',
          t(`previewExport.match.${match?.match ?? 'new'}`),
          chosen?.kind === 'map' ? chosen.userLabel : chosen?.kind === 'create' ? '' : (match?.user.email ?? ''),
          yesNo(isGranted(draft, row.psaCompanyId, contact, match)),
        ];
      }),
    ),
  };

  const tables = [companiesIn, companiesNotIn, users];
  if (input.drift) {
    const names = new Map(input.rows.map((row) => [row.psaCompanyId, row.name]));
    tables.push({
      name: 'drift',
      title: t('previewExport.tables.drift'),
      columns: ['change', 'company', 'details'].map((key) => t(`previewExport.columns.${key}`, { psa })),
      rows: input.drift.map((drift) => [t(`previewExport.drift.${drift.kind}`), driftCompany(drift, names), driftDetails(drift, t)]),
    });
  }
  return tables;
}

function driftCompany(drift: Drift, names: ReadonlyMap<string, string>): string {
  if (drift.kind === 'licenses-short') return '';
  if ('psaName' in drift) return drift.psaName;
  return names.get(drift.psaCompanyId) ?? drift.psaCompanyId;
}

function driftDetails(drift: Drift, t: PreviewExportT): string {
  const key = `previewExport.driftDetails.${drift.kind}`;
  switch (drift.kind) {
    case 'mapped-since':
      return t(key, { managedCompany: drift.managedCompany.name });
    case 'mapping-changed':
      return t(key, { before: drift.before.name, now: drift.now?.name ?? t('previewExport.driftDetails.mappingGone') });
    case 'target-deleted':
      return t(key, { target: drift.target.name });
    case 'target-renamed':
      return t(key, { target: drift.target.name, now: drift.nowName });
    case 'user-deleted':
      return t(key, { email: drift.email });
    case 'user-email-changed':
      return t(key, { before: drift.before, now: drift.now });
    case 'licenses-short':
      return t(key, { needed: drift.needed, available: drift.available });
  }
}

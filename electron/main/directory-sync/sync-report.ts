/** A plan as the screens, the log and the CSV export see it: each change with what it changes, and its log entries. */
import { REPORT_ROWS, type SyncChange, type SyncLogEntry, type SyncProblem, type SyncReport, type SyncRun } from '../../../shared/directory-sync/schemas';
import type { SyncEntryRow } from '../db/repositories/directory-sync';
import type { PlannedChange } from './plan-types';

/** A run as the runner makes it: every change and problem (for the log, and the headless command's output). */
export interface SyncOutcome {
  readonly run: SyncRun;
  readonly changes: readonly SyncChange[];
  readonly problems: readonly SyncProblem[];
  /** When the run planned from an earlier read of an unchanged directory (read-cache.ts): when that read was made. */
  readonly directoryUnchangedSince: string | null;
}

/** The report the screen gets: the first `rows` changes and problems, and how many more the log holds. */
export function shownReport(outcome: SyncOutcome, rows: number = REPORT_ROWS): SyncReport {
  return {
    run: outcome.run,
    changes: outcome.changes.slice(0, rows),
    problems: outcome.problems.slice(0, rows),
    more: { changes: Math.max(0, outcome.changes.length - rows), problems: Math.max(0, outcome.problems.length - rows) },
    directoryUnchangedSince: outcome.directoryUnchangedSince,
  };
}

type FieldValue = string | boolean | null;
type Fields = Record<string, { from: FieldValue; to: FieldValue }>;

export function describeChange(change: PlannedChange, groupName: (id: number) => string): SyncChange {
  const { after, technician } = change;
  const fields: Fields = {};
  const set = (field: string, from: FieldValue, to: FieldValue) => {
    if (from !== to) fields[field] = { from, to };
  };
  set('name', technician?.name ?? null, after.name);
  set('email', technician?.email ?? null, after.email);
  set('enabled', technician?.enabled ?? null, after.enabled);
  set('group', technician ? groupName(technician.groupId) : null, groupName(after.groupId));
  set('mobileLicense', technician?.mobileLicense ?? null, after.mobileLicense);
  if (!technician) set('standardLicense', null, change.standardLicense);
  return {
    action: change.action,
    technicianId: technician?.id ?? null,
    name: after.name,
    email: after.email,
    groupId: after.groupId,
    groupName: groupName(after.groupId),
    userDn: change.user?.dn ?? '',
    fields,
    reason: change.reason,
    releasesMobileLicense: technician !== null && technician.mobileLicense && !after.mobileLicense,
  };
}

/** The entry's detail for a change: what it changes, as JSON (the log screen and the CSV export read it). */
export interface ChangeDetail {
  readonly group: string;
  readonly fields: Fields;
  readonly reason: SyncChange['reason'];
  readonly releasesMobileLicense: boolean;
}

export function logEntries(changes: readonly SyncChange[], problems: readonly SyncProblem[]): SyncEntryRow[] {
  return [
    ...changes.map((change): SyncEntryRow => {
      const detail: ChangeDetail = { group: change.groupName, fields: change.fields, reason: change.reason, releasesMobileLicense: change.releasesMobileLicense };
      return { kind: 'change', code: change.action, name: change.name, email: change.email, userDn: change.userDn, detail: JSON.stringify(detail) };
    }),
    ...problems.map((problem): SyncEntryRow => ({ kind: 'problem', code: problem.code, name: problem.name, email: problem.email, userDn: problem.userDn, detail: problem.detail })),
  ];
}

export function entryOut(runId: string, at: string, row: SyncEntryRow): SyncLogEntry {
  return { runId, at, ...row };
}

/** The CLI's reports as text for a terminal. English only: an administrator's and a service's tool, read with the README. */
import type { CreateTeamReport, MoveReport } from './team-commands';
import { describeTeam } from './team-url';
import type { CheckReport, MigrateReport, WorkspaceInfo } from './workspace-commands';
import type { WorkspaceLocation } from './workspace-location';

const number = new Intl.NumberFormat('en');

function where(location: WorkspaceLocation): string {
  return location.kind === 'sqlite' ? `${location.file} (local, SQLite)` : `${describeTeam(location.connection)} (team, PostgreSQL)`;
}

function rows(pairs: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

export function formatInfo(info: WorkspaceInfo): string {
  const head: Array<[string, string]> = [
    ['Workspace', where(info.location)],
    ['Schema', info.schema.pending.length === 0 ? `step ${info.schema.current} (up to date)` : `step ${info.schema.current} of ${info.schema.latest}: run "workspace migrate"`],
  ];
  if (!info.contents) return rows(head);
  const { counts, licenses, locks } = info.contents;
  const lockLines = Object.entries(locks).map(([psa, lock]): [string, string] => [`Lock ${psa}`, lock ? `held by ${lock.holderName} since ${lock.since}` : 'free']);
  return rows([
    ...head,
    ['Licenses', `${number.format(licenses.inUse)} of ${number.format(licenses.seats)} seats in use`],
    ...lockLines,
    ...Object.entries(counts).map(([table, n]): [string, string] => [table, number.format(n)]),
  ]);
}

export function formatMigrate(report: MigrateReport): string {
  return report.applied.length === 0
    ? `${where(report.location)}: already at schema step ${report.current}; nothing to do.`
    : `${where(report.location)}: applied schema steps ${report.applied.join(', ')}; now at step ${report.current}.`;
}

export function formatCheck(report: CheckReport): string {
  const verdict = report.problems.length === 0 ? 'No problems found.' : `${report.problems.length} problem(s):\n${report.problems.map((line) => `  - ${line}`).join('\n')}`;
  const counts = report.counts ? `\n${rows(Object.entries(report.counts).map(([table, n]): [string, string] => [table, number.format(n)]))}` : '';
  return `${where(report.location)}\n${verdict}${counts}`;
}

export function formatCreateTeam(report: CreateTeamReport): string {
  return `${where(report.location)}: created at schema step ${report.schema}, with Master Administrator ${report.admin.name} <${report.admin.email}>. Workstations join it with this server, database and their own sign-in.`;
}

export function formatMove(report: MoveReport): string {
  const table = [
    ['Table', 'Rows', 'Checksum (SHA-256)'],
    ...report.tables.map((copy) => [copy.table, number.format(copy.rows), copy.checksum.slice(0, 16)]),
  ];
  const widths = [0, 1].map((column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map(([name, rows, sum]) => `  ${name!.padEnd(widths[0]!)}  ${rows!.padStart(widths[1]!)}  ${sum}`);
  return [
    `Moved ${report.from.file} (local, SQLite) into ${where(report.location)}: ${number.format(report.totalRows)} rows in ${number.format(report.elapsedMs)} ms; every table's count and checksum verified before the commit.`,
    ...lines,
    `The local workspace is kept as a backup: ${report.backup}`,
  ].join('\n');
}

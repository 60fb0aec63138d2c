/** The CLI's reports as text for a terminal. English only: an administrator's and a service's tool, read with the README. */
import type { CheckReport, MigrateReport, WorkspaceInfo } from './workspace-commands';
import type { WorkspaceLocation } from './workspace-location';

const number = new Intl.NumberFormat('en');

function where(location: WorkspaceLocation): string {
  return location.kind === 'sqlite' ? `${location.file} (local, SQLite)` : `${new URL(location.url).host} (team, PostgreSQL)`;
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

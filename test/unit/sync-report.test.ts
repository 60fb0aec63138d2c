/** The report *Dry run* and *Sync now* send to the screen: a big run's first rows, how many more the log holds, and whether the directory was read. */
import { describe, expect, it } from 'vitest';
import { formatSyncLine } from '../../electron/main/cli/sync-directory-command';
import { shownReport, type SyncOutcome } from '../../electron/main/directory-sync/sync-report';
import { REPORT_ROWS, SyncReportSchema, type SyncChange, type SyncProblem } from '../../shared/directory-sync/schemas';

const change = (index: number): SyncChange => ({
  action: 'create',
  technicianId: null,
  name: `User ${index}`,
  email: `user${index}@example.com`,
  groupId: 1,
  groupName: 'Service desk',
  userDn: `CN=User ${index},OU=Users,DC=example,DC=com`,
  fields: { name: { from: null, to: `User ${index}` } },
  reason: null,
  releasesMobileLicense: false,
});
const problem = (index: number): SyncProblem => ({ code: 'no-email', userDn: `CN=Nomail ${index},DC=example,DC=com`, name: `Nomail ${index}`, email: '', detail: '' });

function outcome(changes: number, problems: number): SyncOutcome {
  return {
    run: {
      id: 'run-1',
      startedAt: '2026-12-02T09:00:00.000Z',
      finishedAt: '2026-12-02T09:00:01.000Z',
      trigger: 'app',
      by: 'Anouk',
      dryRun: true,
      outcome: problems > 0 ? 'problems' : 'succeeded',
      counts: { created: changes, updated: 0, disabled: 0, unchanged: 0, problems, users: changes + problems },
      failure: null,
    },
    changes: Array.from({ length: changes }, (_, index) => change(index)),
    problems: Array.from({ length: problems }, (_, index) => problem(index)),
    directoryUnchangedSince: null,
  };
}

describe('the report a run sends to the screen', () => {
  it('carries a small run whole', () => {
    const report = shownReport(outcome(3, 1));
    expect(report.changes.map((one) => one.name)).toEqual(['User 0', 'User 1', 'User 2']);
    expect(report.problems).toHaveLength(1);
    expect(report.more).toEqual({ changes: 0, problems: 0 });
    expect(SyncReportSchema.safeParse(report).success).toBe(true);
  });

  it('says when the run planned from an earlier read of an unchanged directory', () => {
    const unchanged = { ...outcome(0, 0), directoryUnchangedSince: '2026-12-02T08:45:00.000Z' };
    const report = shownReport(unchanged);
    expect(report.directoryUnchangedSince).toBe('2026-12-02T08:45:00.000Z');
    expect(SyncReportSchema.safeParse(report).success).toBe(true);
    // The headless command's line too (a service run every 15 minutes mostly finds the directory unchanged).
    expect(formatSyncLine(unchanged)).toBe(
      '2026-12-02T09:00:01.000Z Dry run: 0 created, 0 updated, 0 disabled, 0 unchanged, 0 problems (0 users in the source groups; directory unchanged since its read at 2026-12-02T08:45:00.000Z)',
    );
    expect(formatSyncLine(outcome(0, 0))).not.toContain('directory unchanged');
  });

  it('carries the first REPORT_ROWS of a big run, in order, and counts the rest', () => {
    const report = shownReport(outcome(2_000, REPORT_ROWS + 7));
    expect(report.changes).toHaveLength(REPORT_ROWS);
    expect(report.changes[0]?.name).toBe('User 0');
    expect(report.changes.at(-1)?.name).toBe(`User ${REPORT_ROWS - 1}`);
    expect(report.more).toEqual({ changes: 2_000 - REPORT_ROWS, problems: 7 });
    expect(SyncReportSchema.safeParse(report).success).toBe(true);
  });

  it('is refused at the IPC edge when it carries more rows than the screen takes', () => {
    const whole = outcome(REPORT_ROWS + 1, 0);
    expect(SyncReportSchema.safeParse({ ...whole, more: { changes: 0, problems: 0 } }).success).toBe(false);
  });
});

/**
 * Import Technicians (Technici importeren), Master Administrators only, in two calls:
 *  - `check` (*Upload file*): the file is read in the import worker (technician-file.ts: a whole-file problem
 *    refuses it), and the passwords of the rows that are new are scored against the policy and hashed — the slow
 *    part, done while the technician still looks at the page (chooses the group, reads the advice);
 *  - `run` (*Start import*): every row is checked against the workspace as it is now, the few passwords the check
 *    could not foresee are done, and every valid row is written in one transaction that checks them all again.
 * Passwords are never echoed, logged, or put in the summary or the audit log; a check holds them in memory only
 * until its import, the next upload, or an hour.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_TECHNICIAN_FILE_BYTES,
  type ImportRowOutcome,
  type TechnicianFileCheck,
  type TechnicianFileCheckRequest,
  type TechnicianImportProgress,
  type TechnicianImportRequest,
  type TechnicianImportSummary,
} from '../../../shared/org/technician-import';
import type { AccessControl } from '../access/access-control';
import type { Caller } from '../base/caller';
import type { Clock } from '../base/clock';
import { DomainError } from '../base/domain-error';
import type { EventHub } from '../base/event-hub';
import { RESOURCES } from '../base/resources';
import { emailKey } from '../db/repositories/administrators';
import { appendAudit } from '../db/repositories/audit-log';
import { listGroups } from '../db/repositories/technician-groups';
import * as techniciansDb from '../db/repositories/technicians';
import type { OrgService } from './org-service';
import { readPasswordPolicy } from './org-settings';
import { base64DecodedLength, type FileReading, type RowReading } from './technician-file';
import { decide, failed, type Decision } from './technician-import-decide';
import type { FileReadings } from './technician-import-jobs';
import { importThread } from './technician-import-thread';
import { emptyPasswordWork, securePasswords, weakLines, type PasswordRow, type PasswordWork } from './technician-passwords';
import { withLicenseRule } from './technician-rules';

export interface TechnicianImportDeps {
  readonly access: AccessControl;
  readonly org: OrgService;
  readonly events: EventHub;
  readonly clock: Clock;
}

/** Where the last check's and import's time went (bench:tech-import prints it); never a password. */
export interface ImportTimings {
  readMs: number;
  checkMs: number;
  /** Scoring and hashing passwords (overlapping). */
  passwordsMs: number;
  writeMs: number;
}

type ReadFile = Extract<FileReadings['withTarget'], { ok: true }>;

/** An uploaded file, read and with its password work, waiting for *Start import*. */
interface CheckedFile {
  readonly id: string;
  readonly fileName: string;
  readonly withTarget: ReadFile;
  readonly withoutTarget: ReadFile;
  readonly passwords: PasswordWork;
  readonly expires: number;
}

interface Running {
  readonly controller: AbortController;
  writing: boolean;
}

/** How long an upload's check waits for *Start import* (its passwords stay in memory that long at most). */
const CHECK_LIFETIME_MS = 60 * 60 * 1000;

const cancelledError = () => new DomainError('TECH_IMPORT_CANCELLED', 'The import was cancelled; nothing was written.');

const passwordRows = (rows: readonly RowReading[], wanted: (row: RowReading) => boolean): PasswordRow[] =>
  rows.flatMap((row) => (row.candidate && wanted(row) ? [{ line: row.line, candidate: row.candidate }] : []));

const newTimings = (): ImportTimings => ({ readMs: 0, checkMs: 0, passwordsMs: 0, writeMs: 0 });

export class TechnicianImportService {
  private readonly running = new Map<string, Running>();
  /** Each window's latest upload, by its session key. */
  private readonly checked = new Map<string, CheckedFile>();
  /** The last check's and the last import's timings (bench:tech-import). */
  lastCheckTimings: ImportTimings | null = null;
  lastImportTimings: ImportTimings | null = null;

  constructor(private readonly deps: TechnicianImportDeps) {}

  /** Starts the import worker ahead of the first import, so a measurement does not count its start (bench:tech-import). */
  warm(): Promise<void> {
    return importThread.warm();
  }

  /** Stops the caller's check or import if it has not started writing; true when it will stop. */
  async cancel(caller: Caller): Promise<boolean> {
    await this.deps.access.masterAdministrator(caller);
    const run = this.running.get(caller.sessionKey);
    if (!run || run.writing) return false;
    run.controller.abort();
    return true;
  }

  /** *Upload file*: reads and checks the file, and does its password work; what *Start import* then needs is kept. */
  async check(caller: Caller, request: TechnicianFileCheckRequest): Promise<TechnicianFileCheck> {
    await this.deps.access.masterAdministrator(caller);
    return this.exclusive(caller, async (run) => {
      // A new upload replaces the window's previous one at once, whether this one is accepted or not.
      this.forget(caller.sessionKey);
      const timings = newTimings();
      this.lastCheckTimings = timings;
      const lap = stopwatch(timings);
      this.progress(caller, { stage: 'reading', done: 0, total: 1 });
      const readings = await readFile(request);
      lap('readMs');
      this.stopIfCancelled(run);

      const { withTarget, withoutTarget } = readings;
      // With a target group the file's group IDs are ignored: its candidates are every row the import may create.
      const emails = withTarget.rows.flatMap((row) => (row.candidate ? [row.candidate.email] : []));
      const db = this.deps.org.workspaceReader();
      const present = new Set((await techniciansDb.findTechniciansByEmails(db, emails)).map((technician) => emailKey(technician.email)));
      const policy = await readPasswordPolicy(db);
      lap('checkMs');

      const passwords = emptyPasswordWork(policy);
      const isNew = (row: RowReading) => row.candidate !== null && !present.has(emailKey(row.candidate.email));
      await securePasswords(passwords, passwordRows(withTarget.rows, isNew), this.secureOptions(caller, run, policy), cancelledError);
      lap('passwordsMs');

      const file: CheckedFile = { id: randomUUID(), fileName: request.fileName, withTarget, withoutTarget, passwords, expires: Date.now() + CHECK_LIFETIME_MS };
      this.checked.set(caller.sessionKey, file);
      // Its passwords leave memory when it expires, even if nobody comes back for it.
      const expiry = setTimeout(() => {
        if (this.checked.get(caller.sessionKey) === file) this.checked.delete(caller.sessionKey);
      }, CHECK_LIFETIME_MS);
      expiry.unref();
      return {
        checkId: file.id,
        fileName: file.fileName,
        format: withTarget.format,
        delimiter: withTarget.delimiter,
        rows: withTarget.rows.length,
        present: withTarget.rows.filter((row) => row.candidate && present.has(emailKey(row.candidate.email))).length,
        invalid: withTarget.rows.filter((row) => !row.candidate).length,
        weakPasswords: weakLines(passwords).size,
      };
    });
  }

  /** *Start import*: the checked file's rows into the workspace, each with its outcome. */
  async run(caller: Caller, request: TechnicianImportRequest): Promise<TechnicianImportSummary> {
    const principal = await this.deps.access.masterAdministrator(caller);
    const file = this.checked.get(caller.sessionKey);
    if (!file || file.id !== request.checkId || file.expires < Date.now()) {
      throw new DomainError('TECH_IMPORT_CHECK_MISSING', 'That upload is not this window’s latest, or has expired; upload the file again.');
    }
    return this.exclusive(caller, async (run) => {
      const summary = await this.importFile(caller, principal.id, file, request.targetGroupId, run);
      // Imported: its passwords are no longer needed here. (A cancelled or failed import keeps them for another try.)
      if (this.checked.get(caller.sessionKey) === file) this.forget(caller.sessionKey);
      return summary;
    });
  }

  private async exclusive<T>(caller: Caller, work: (run: Running) => Promise<T>): Promise<T> {
    if (this.running.has(caller.sessionKey)) throw new DomainError('TECH_IMPORT_BUSY', 'This window is importing a file already.');
    const run: Running = { controller: new AbortController(), writing: false };
    this.running.set(caller.sessionKey, run);
    try {
      return await work(run);
    } finally {
      this.running.delete(caller.sessionKey);
    }
  }

  private forget(sessionKey: string): void {
    this.checked.delete(sessionKey);
  }

  /** Sign-out, a window closed, quit: the window's upload (and its passwords) is dropped, and its check or import stops before it writes. */
  endSession(caller: Caller): void {
    this.forget(caller.sessionKey);
    const run = this.running.get(caller.sessionKey);
    if (run && !run.writing) run.controller.abort();
  }

  private progress(caller: Caller, progress: TechnicianImportProgress): void {
    this.deps.events.emit(caller.sessionKey, 'technicianImportProgress', progress);
  }

  private stopIfCancelled(run: Running): void {
    if (run.controller.signal.aborted) throw cancelledError();
  }

  private secureOptions(caller: Caller, run: Running, policy: Awaited<ReturnType<typeof readPasswordPolicy>>) {
    return {
      policy,
      hash: (password: string) => this.deps.org.hash(password),
      signal: run.controller.signal,
      progress: (stage: 'checking' | 'securing', done: number, total: number) => this.progress(caller, { stage, done, total }),
    };
  }

  private async importFile(caller: Caller, actorId: string, file: CheckedFile, target: number | null, run: Running): Promise<TechnicianImportSummary> {
    const timings = newTimings();
    this.lastImportTimings = timings;
    const lap = stopwatch(timings);
    const reading = target === null ? file.withoutTarget : file.withTarget;
    const rows = reading.rows;
    const db = this.deps.org.workspaceReader();
    if (target !== null && !(await listGroups(db)).some((group) => group.id === target)) {
      throw new DomainError('NOT_FOUND', 'That technician group no longer exists.', { groupId: 'missing' });
    }
    this.progress(caller, { stage: 'checking', done: 0, total: rows.length });
    const policy = await readPasswordPolicy(db);
    const stalePolicy = file.passwords.policyKey !== JSON.stringify(policy);
    // Which rows would be written, leaving licenses for the transaction (a weak password frees one).
    const before = await decide(db, rows, target, { weak: stalePolicy ? new Set() : weakLines(file.passwords), hashed: null, licenses: false });
    lap('checkMs');

    // Rows the upload did not foresee (a technician deleted since, the policy changed since): their passwords now.
    const toCreate = passwordRows(rows, (row) => before[rows.indexOf(row)]?.outcome === 'created');
    await securePasswords(file.passwords, toCreate, this.secureOptions(caller, run, policy), cancelledError);
    lap('passwordsMs');
    this.stopIfCancelled(run);

    const weak = weakLines(file.passwords);
    const hashes = file.passwords.hashes;
    run.writing = true;
    this.progress(caller, { stage: 'writing', done: 0, total: toCreate.length });
    const decisions = await this.deps.org.write(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      await tx.lockResource(RESOURCES.technicianLicenses);
      // Checked again where it counts: another window may have added a technician or taken a license since.
      // Only a password scored under the policy of now, and passed, may be written (a row present at the first pass
      // and new by now was never scored under it: it keeps its first outcome).
      const scored = new Set([...hashes.keys()].filter((line) => file.passwords.verdicts.get(line) === true));
      const final = await decide(tx, rows, target, { weak, hashed: scored, licenses: true, fallback: before });
      const now = this.deps.clock.now().toISOString();
      const mustChangePassword = (await readPasswordPolicy(tx)).adminChangesForceChange;
      const created: { id: string; email: string; groupId: number }[] = [];
      const records: techniciansDb.TechnicianRecord[] = [];
      rows.forEach((row, index) => {
        const candidate = row.candidate;
        const passwordHash = hashes.get(row.line);
        if (final[index]?.outcome !== 'created' || !candidate || passwordHash === undefined) return;
        const groupId = target ?? candidate.groupId;
        if (groupId === null) return;
        const fields = withLicenseRule(candidate);
        const id = randomUUID();
        created.push({ id, email: fields.email, groupId });
        records.push({
          id,
          groupId,
          name: fields.name,
          nickname: fields.nickname,
          email: fields.email,
          ssoId: fields.ssoId,
          description: fields.description,
          passwordHash,
          mustChangePassword,
          enabled: fields.enabled,
          standardLicense: fields.standardLicense,
          mobileLicense: fields.mobileLicense,
          createdAt: now,
          updatedAt: now,
          lastSignInAt: null,
        });
      });
      await techniciansDb.insertTechnicians(tx, records);
      const count = (outcome: Decision['outcome']) => final.filter((decision) => decision.outcome === outcome).length;
      await appendAudit(tx, 'org.technicians_imported', actorId, now, {
        fileName: file.fileName,
        format: reading.format,
        targetGroupId: target,
        created: count('created'),
        present: count('present'),
        failed: count('failed'),
        technicians: created,
      });
      return final;
    });
    lap('writeMs');

    const outcomes: ImportRowOutcome[] = rows.map((row, index) => {
      const decision = decisions[index] ?? failed('value-type', null);
      return { line: row.line, name: row.name, email: row.email, groupId: target ?? row.groupId, outcome: decision.outcome, problem: decision.problem, column: decision.column };
    });
    return {
      fileName: file.fileName,
      format: reading.format,
      delimiter: reading.delimiter,
      created: outcomes.filter((row) => row.outcome === 'created').length,
      present: outcomes.filter((row) => row.outcome === 'present').length,
      failed: outcomes.filter((row) => row.outcome === 'failed').length,
      rows: outcomes,
    };
  }
}

/** Reads the upload in the import worker; a file far too large is refused from its base64 length, not copied there first. */
async function readFile(request: TechnicianFileCheckRequest): Promise<{ withTarget: ReadFile; withoutTarget: ReadFile }> {
  const readings: FileReadings =
    base64DecodedLength(request.contentBase64) > MAX_TECHNICIAN_FILE_BYTES
      ? { withTarget: tooLarge, withoutTarget: tooLarge }
      : await importThread.run({ kind: 'read', contentBase64: request.contentBase64, fileName: request.fileName, delimiter: request.delimiter });
  const { withTarget, withoutTarget } = readings;
  // A refusal is the file's, whatever the target (the worker reads it once then).
  const refusal = !withoutTarget.ok ? withoutTarget.refusal : !withTarget.ok ? withTarget.refusal : null;
  if (refusal || !withTarget.ok || !withoutTarget.ok) {
    const { problem, line, header } = refusal ?? { problem: 'malformed', line: null };
    throw new DomainError('TECH_IMPORT_FILE_REFUSED', `The file was refused: ${problem}${line === null ? '' : ` (line ${line})`}.`, {
      problem,
      ...(line === null ? {} : { line: String(line) }),
      ...(header === undefined ? {} : { header }),
    });
  }
  return { withTarget, withoutTarget };
}

const tooLarge: FileReading = { ok: false, refusal: { problem: 'too-large', line: null } };

/** Adds the time since the last lap to one of `timings`' entries. */
function stopwatch(timings: ImportTimings): (key: keyof ImportTimings) => void {
  let mark = performance.now();
  return (key) => {
    const now = performance.now();
    timings[key] += now - mark;
    mark = now;
  };
}

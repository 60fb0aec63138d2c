/**
 * Import Technicians (Technici importeren), Master Administrators only. The file is read in the import worker
 * (technician-file.ts: a whole-file problem refuses it before anything is written); its rows are checked against
 * the workspace (already present, emails and sign-on IDs taken, groups, licenses), their passwords scored
 * against the policy (in the worker) and hashed (scrypt on libuv's pool) only for rows that will be written;
 * then every valid row is written in one transaction that checks them all again. Passwords are never echoed,
 * logged, or put in the summary or the audit log.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  MAX_TECHNICIAN_FILE_BYTES,
  type ImportRowOutcome,
  type RowProblem,
  type TechnicianFileHeader,
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
import { administratorEmailKeys, emailKey } from '../db/repositories/administrators';
import { appendAudit } from '../db/repositories/audit-log';
import { listGroups } from '../db/repositories/technician-groups';
import * as techniciansDb from '../db/repositories/technicians';
import type { SqlReader } from '../db/workspace';
import type { OrgService } from './org-service';
import { readPasswordPolicy, readTechnicianSeats } from './org-settings';
import { base64DecodedLength, type FileReading, type RowReading } from './technician-file';
import { importThread } from './technician-import-thread';
import { LicenseLedger, withLicenseRule } from './technician-rules';

export interface TechnicianImportDeps {
  readonly access: AccessControl;
  readonly org: OrgService;
  readonly events: EventHub;
  readonly clock: Clock;
}

/** Where an import's time went (bench:tech-import prints it); never a password. */
export interface ImportTimings {
  readMs: number;
  checkMs: number;
  strengthMs: number;
  hashMs: number;
  writeMs: number;
}

interface Decision {
  readonly outcome: 'created' | 'present' | 'failed';
  readonly problem: RowProblem | null;
  readonly column: TechnicianFileHeader | null;
}

const CREATED: Decision = { outcome: 'created', problem: null, column: null };
const PRESENT: Decision = { outcome: 'present', problem: null, column: null };
const failed = (problem: RowProblem, column: TechnicianFileHeader | null): Decision => ({ outcome: 'failed', problem, column });

/** Passwords scored per trip to the worker: progress moves, and a cancel is seen, between trips. */
const STRENGTH_BATCH = 5;

interface Running {
  readonly controller: AbortController;
  writing: boolean;
}

export class TechnicianImportService {
  private readonly running = new Map<string, Running>();
  /** The last run's timings (bench:tech-import). */
  lastTimings: ImportTimings | null = null;

  constructor(private readonly deps: TechnicianImportDeps) {}

  /** Starts the import worker ahead of the first import (bench:tech-import; the app on the page's first call). */
  warm(): Promise<void> {
    return importThread.warm();
  }

  /** Stops the caller's import if it has not started writing; true when it will stop. */
  async cancel(caller: Caller): Promise<boolean> {
    await this.deps.access.masterAdministrator(caller);
    const run = this.running.get(caller.sessionKey);
    if (!run || run.writing) return false;
    run.controller.abort();
    return true;
  }

  async run(caller: Caller, request: TechnicianImportRequest): Promise<TechnicianImportSummary> {
    const principal = await this.deps.access.masterAdministrator(caller);
    if (this.running.has(caller.sessionKey)) throw new DomainError('TECH_IMPORT_BUSY', 'This window is importing a file already.');
    const run: Running = { controller: new AbortController(), writing: false };
    this.running.set(caller.sessionKey, run);
    try {
      return await this.runFor(caller, principal.id, request, run);
    } finally {
      this.running.delete(caller.sessionKey);
    }
  }

  private progress(caller: Caller, progress: TechnicianImportProgress): void {
    this.deps.events.emit(caller.sessionKey, 'technicianImportProgress', progress);
  }

  private stopIfCancelled(run: Running): void {
    if (run.controller.signal.aborted) throw new DomainError('TECH_IMPORT_CANCELLED', 'The import was cancelled; nothing was written.');
  }

  private async runFor(caller: Caller, actorId: string, request: TechnicianImportRequest, run: Running): Promise<TechnicianImportSummary> {
    const timings: ImportTimings = { readMs: 0, checkMs: 0, strengthMs: 0, hashMs: 0, writeMs: 0 };
    const clock = () => performance.now();
    let mark = clock();
    const lap = (key: keyof ImportTimings) => {
      const now = clock();
      timings[key] += now - mark;
      mark = now;
    };

    this.progress(caller, { stage: 'reading', done: 0, total: 1 });
    // A file far too large is refused here from its base64 length, not copied to the worker first.
    const reading: FileReading =
      base64DecodedLength(request.contentBase64) > MAX_TECHNICIAN_FILE_BYTES
        ? { ok: false, refusal: { problem: 'too-large', line: null } }
        : await importThread.run({
            kind: 'read',
            contentBase64: request.contentBase64,
            options: { fileName: request.fileName, delimiter: request.delimiter, targetGroupChosen: request.targetGroupId !== null },
          });
    lap('readMs');
    if (!reading.ok) {
      const { problem, line, header } = reading.refusal;
      this.lastTimings = timings;
      throw new DomainError('TECH_IMPORT_FILE_REFUSED', `The file was refused: ${problem}${line === null ? '' : ` (line ${line})`}.`, {
        problem,
        ...(line === null ? {} : { line: String(line) }),
        ...(header === undefined ? {} : { header }),
      });
    }
    this.stopIfCancelled(run);

    const db = this.deps.org.workspaceReader();
    const target = request.targetGroupId;
    if (target !== null && !(await listGroups(db)).some((group) => group.id === target)) {
      throw new DomainError('NOT_FOUND', 'That technician group no longer exists.', { groupId: 'missing' });
    }
    const rows = reading.rows;
    this.progress(caller, { stage: 'checking', done: 0, total: rows.length });
    // Before the slow part: which rows would be written, leaving licenses for the transaction (a weak password frees one).
    const before = await decide(db, rows, target, { weak: new Set(), hashed: null, licenses: false });
    lap('checkMs');

    // Scoring (zxcvbn, in the worker) and hashing (scrypt, on libuv's pool) overlap: a row's hash starts once its password passes.
    const toScore = rows.filter((row, index) => row.candidate && before[index]?.outcome === 'created');
    const weak = new Set<number>();
    const hashing = new Hashing(this.deps.org, run);
    if (toScore.length) {
      const policy = await readPasswordPolicy(db);
      for (let start = 0; start < toScore.length; start += STRENGTH_BATCH) {
        this.stopIfCancelled(run);
        const batch = toScore.slice(start, start + STRENGTH_BATCH);
        const verdicts = await importThread.run({
          kind: 'strength',
          policy,
          passwords: batch.map((row) => ({ password: row.candidate?.password ?? '', inputs: [row.candidate?.name ?? '', row.candidate?.email ?? ''] })),
        });
        batch.forEach((row, index) => {
          if (!verdicts[index]) weak.add(row.line);
          else if (row.candidate) hashing.add(row.line, row.candidate.password);
        });
        this.progress(caller, { stage: 'checking', done: Math.min(start + batch.length, toScore.length), total: toScore.length });
      }
    }
    lap('strengthMs');
    const hashes = await hashing.all((done, total) => this.progress(caller, { stage: 'securing', done, total }));
    lap('hashMs');
    this.stopIfCancelled(run);

    run.writing = true;
    this.progress(caller, { stage: 'writing', done: 0, total: hashes.size });
    const decisions = await this.deps.org.write(async (tx) => {
      await tx.lockResource(RESOURCES.accounts);
      await tx.lockResource(RESOURCES.technicianLicenses);
      // Checked again where it counts: another window may have added a technician or taken a license since.
      const final = await decide(tx, rows, target, { weak, hashed: new Set(hashes.keys()), licenses: true, fallback: before });
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
        fileName: request.fileName,
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
    this.lastTimings = timings;

    const outcomes: ImportRowOutcome[] = rows.map((row, index) => {
      const decision = decisions[index] ?? failed('value-type', null);
      return { line: row.line, name: row.name, email: row.email, groupId: target ?? row.groupId, outcome: decision.outcome, problem: decision.problem, column: decision.column };
    });
    return {
      fileName: request.fileName,
      format: reading.format,
      delimiter: reading.delimiter,
      created: outcomes.filter((row) => row.outcome === 'created').length,
      present: outcomes.filter((row) => row.outcome === 'present').length,
      failed: outcomes.filter((row) => row.outcome === 'failed').length,
      rows: outcomes,
    };
  }
}

/** scrypt for each row to be written, a few at a time on libuv's pool (sign-in and file reads keep a thread free). */
class Hashing {
  private readonly lanes = Math.max(1, Math.min(3, availableParallelism()));
  private readonly queue: { line: number; password: string }[] = [];
  private readonly hashes = new Map<number, string>();
  private readonly running = new Set<Promise<void>>();
  private total = 0;
  private failure: unknown = null;
  private onDone: (() => void) | null = null;

  constructor(
    private readonly org: OrgService,
    private readonly run: Running,
  ) {}

  add(line: number, password: string): void {
    this.total += 1;
    this.queue.push({ line, password });
    this.pump();
  }

  private pump(): void {
    while (this.running.size < this.lanes && this.queue.length && !this.run.controller.signal.aborted) {
      const next = this.queue.shift();
      if (!next) return;
      const job: Promise<void> = this.org
        .hash(next.password)
        .then(
          (hash) => void this.hashes.set(next.line, hash),
          (error: unknown) => void (this.failure ??= error),
        )
        .finally(() => {
          this.running.delete(job);
          this.onDone?.();
          this.pump();
        });
      this.running.add(job);
    }
  }

  /** Every hash, once all are done (`progress` told after each); a cancel stops waiting for the rest. */
  all(progress: (done: number, total: number) => void): Promise<Map<number, string>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) return reject(this.failure);
        if (this.run.controller.signal.aborted) return reject(new DomainError('TECH_IMPORT_CANCELLED', 'The import was cancelled; nothing was written.'));
        if (this.running.size === 0 && this.queue.length === 0) return resolve(this.hashes);
        progress(this.hashes.size, this.total);
      };
      this.onDone = check;
      this.run.controller.signal.addEventListener('abort', check, { once: true });
      check();
    });
  }
}

interface DecideOptions {
  /** Lines whose password is below the policy. */
  readonly weak: ReadonlySet<number>;
  /** Lines with a hashed password (the transaction's pass): only those can be created. Null before hashing. */
  readonly hashed: ReadonlySet<number> | null;
  readonly licenses: boolean;
  /** The first pass's decisions: a row it did not mean to write keeps its outcome from then. */
  readonly fallback?: readonly Decision[];
}

/**
 * Every row's outcome, in file order (earlier rows claim emails, sign-on IDs and licenses first). A few queries
 * for the whole file, not a few per row: on a team workspace each is a round trip.
 */
async function decide(db: SqlReader, rows: readonly RowReading[], target: number | null, options: DecideOptions): Promise<Decision[]> {
  const emails = rows.flatMap((row) => (row.candidate ? [row.candidate.email] : []));
  const groups = new Set((await listGroups(db)).map((group) => group.id));
  const technicians = new Set((await techniciansDb.findTechniciansByEmails(db, emails)).map((technician) => emailKey(technician.email)));
  const administrators = await administratorEmailKeys(db, emails);
  const ssoTaken = await techniciansDb.takenSsoIds(
    db,
    rows.flatMap((row) => (row.candidate?.ssoId ? [row.candidate.ssoId] : [])),
  );
  const ledger = options.licenses ? await LicenseLedger.read(db, await readTechnicianSeats(db)) : null;
  const seenEmails = new Set<string>();
  const seenSsoIds = new Set<string>();
  return rows.map((row, index) => {
    const candidate = row.candidate;
    if (!candidate || row.problem) return failed(row.problem ?? 'value-type', row.column);
    const key = emailKey(candidate.email);
    if (technicians.has(key)) return PRESENT;
    if (seenEmails.has(key)) return failed('email-repeated', 'Email');
    seenEmails.add(key);
    if (administrators.has(key)) return failed('email-taken', 'Email');
    const groupId = target ?? candidate.groupId;
    if (groupId === null || !groups.has(groupId)) return failed('group-not-found', 'Technician group ID');
    if (options.weak.has(row.line)) return failed('password-weak', 'Password');
    if (candidate.ssoId !== '') {
      if (ssoTaken.has(candidate.ssoId) || seenSsoIds.has(candidate.ssoId)) return failed('sso-id-taken', 'Single sign-on ID');
      seenSsoIds.add(candidate.ssoId);
    }
    if (options.hashed && !options.hashed.has(row.line)) return options.fallback?.[index] ?? failed('value-type', null);
    if (ledger) {
      const short = ledger.take({ standardLicense: false, mobileLicense: false }, withLicenseRule(candidate));
      if (short) return short.fields?.['kind'] === 'mobile' ? failed('mobile-licenses-exhausted', 'Mobile license') : failed('standard-licenses-exhausted', 'Standard license');
    }
    return CREATED;
  });
}

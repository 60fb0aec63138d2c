/**
 * The slow part of importing technicians: each new row's password scored against the policy (zxcvbn, in the import
 * worker) and hashed (scrypt, on libuv's pool). Done when the file is uploaded, so *Start import* only checks and
 * writes; the few rows the upload could not foresee (a policy changed since, a technician deleted since) are done
 * then. Scoring and hashing overlap: a row's hash starts as soon as its password passes.
 */
import { availableParallelism } from 'node:os';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import type { TechnicianCandidate } from './technician-file';
import { importThread } from './technician-import-thread';

/** What is known of each row's password, by its line in the file. Never the password itself. */
export interface PasswordWork {
  /** Whether the password meets `policy`. */
  readonly verdicts: Map<number, boolean>;
  readonly hashes: Map<number, string>;
  /** The policy the verdicts were given under (JSON: compared before they are used). */
  policyKey: string;
}

export interface PasswordRow {
  readonly line: number;
  readonly candidate: TechnicianCandidate;
}

export interface SecureOptions {
  readonly policy: PasswordPolicy;
  readonly hash: (password: string) => Promise<string>;
  readonly signal: AbortSignal;
  /** Called as passwords are scored (`checking`) and hashed (`securing`). */
  readonly progress: (stage: 'checking' | 'securing', done: number, total: number) => void;
}

/** Passwords scored per trip to the worker: progress moves, and a cancel is seen, between trips. */
const STRENGTH_BATCH = 5;

export const policyKeyOf = (policy: PasswordPolicy): string => JSON.stringify(policy);

export function emptyPasswordWork(policy: PasswordPolicy): PasswordWork {
  return { verdicts: new Map(), hashes: new Map(), policyKey: policyKeyOf(policy) };
}

/** The lines whose password is below the policy, as far as is known. */
export function weakLines(work: PasswordWork): Set<number> {
  return new Set([...work.verdicts].flatMap(([line, meets]) => (meets ? [] : [line])));
}

/**
 * Scores every row not scored yet under `options.policy`, and hashes every row that passes and has no hash yet,
 * into `work`. Stops (rejects with `cancelled()`) when the signal aborts; what was done stays in `work`.
 */
export async function securePasswords(work: PasswordWork, rows: readonly PasswordRow[], options: SecureOptions, cancelled: () => Error): Promise<void> {
  const key = policyKeyOf(options.policy);
  if (work.policyKey !== key) {
    work.verdicts.clear();
    work.policyKey = key;
  }
  const hashing = new Hashing(work.hashes, options.hash, options.signal, cancelled);
  const toScore = rows.filter((row) => !work.verdicts.has(row.line));
  for (const row of rows) if (work.verdicts.get(row.line) === true && !work.hashes.has(row.line)) hashing.add(row.line, row.candidate.password);
  for (let start = 0; start < toScore.length; start += STRENGTH_BATCH) {
    if (options.signal.aborted) throw cancelled();
    const batch = toScore.slice(start, start + STRENGTH_BATCH);
    const verdicts = await importThread.run({
      kind: 'strength',
      policy: options.policy,
      passwords: batch.map(({ candidate }) => ({ password: candidate.password, inputs: [candidate.name, candidate.email] })),
    });
    batch.forEach((row, index) => {
      const meets = verdicts[index] === true;
      work.verdicts.set(row.line, meets);
      if (meets) hashing.add(row.line, row.candidate.password);
    });
    options.progress('checking', Math.min(start + batch.length, toScore.length), toScore.length);
  }
  await hashing.all((done, total) => options.progress('securing', done, total));
}

/**
 * scrypt for each row to be written, a few at a time on libuv's pool (sign-in and file reads keep a thread free),
 * each hash kept as it is done: a cancelled upload's finished hashes serve the next try.
 */
class Hashing {
  private readonly lanes = Math.max(1, Math.min(3, availableParallelism()));
  private readonly queue: { line: number; password: string }[] = [];
  private readonly running = new Set<Promise<void>>();
  private total = 0;
  private done = 0;
  private failure: unknown = null;
  private onDone: (() => void) | null = null;

  constructor(
    private readonly hashes: Map<number, string>,
    private readonly hash: (password: string) => Promise<string>,
    private readonly signal: AbortSignal,
    private readonly cancelled: () => Error,
  ) {}

  add(line: number, password: string): void {
    this.total += 1;
    this.queue.push({ line, password });
    this.pump();
  }

  private pump(): void {
    while (this.running.size < this.lanes && this.queue.length && !this.signal.aborted && !this.failure) {
      const next = this.queue.shift();
      if (!next) return;
      const job: Promise<void> = this.hash(next.password)
        .then(
          (hash) => {
            this.hashes.set(next.line, hash);
            this.done += 1;
          },
          (error: unknown) => void (this.failure ??= error),
        )
        .finally(() => {
          this.running.delete(job);
          this.onDone?.();
          this.pump();
        });
      // `all` hears every outcome through onDone; what the bookkeeping above might throw ends here, never unhandled.
      job.catch((error: unknown) => void (this.failure ??= error));
      this.running.add(job);
    }
  }

  /** Settles once every hash is done (`progress` told after each); a cancel stops waiting for the rest. */
  all(progress: (done: number, total: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) return reject(this.failure);
        if (this.signal.aborted) return reject(this.cancelled());
        if (this.running.size === 0 && this.queue.length === 0) return resolve();
        progress(this.done, this.total);
      };
      this.onDone = check;
      this.signal.addEventListener('abort', check, { once: true });
      check();
    });
  }
}

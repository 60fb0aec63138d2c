/**
 * The main process's last line of defence. A rejection nobody handled or an
 * exception nobody caught would end the process — and with it every window, an
 * import in progress and the integration lock's heartbeat. Instead it is logged
 * (through the logger, so secrets are scrubbed), counted, and reported to every
 * window as a `backgroundError` event the renderer shows without blocking.
 *
 * Staying up is safe here: the workspace changes only inside SQLite
 * transactions, so a failed task leaves no half-written state behind, and the
 * task that failed has already stopped.
 *
 * Without Electron, so the Electron entry and the development bridge install
 * the same guard, and tests drive it with a stand-in for `process`.
 */
import type { EventPayload } from '../../../shared/ipc/contract';
import { Redactor, type LogFields, type Logger } from '../logging/logger';
import type { EventHub } from '../base/event-hub';

export type UnhandledKind = EventPayload<'backgroundError'>['kind'];

/** Where reports go; the core's log and event hub once the core exists. */
export interface UnhandledErrorSinks {
  readonly log: Logger;
  readonly events?: EventHub | undefined;
}

/** The part of `process` the guard listens on. */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export interface UnhandledErrorsOptions {
  /** Until `attach`: a logger that writes JSON lines to stderr (secret-looking fields redacted). */
  readonly sinks?: UnhandledErrorSinks;
  /** A burst of failures (one per page, say) is one event: at most one per this interval. */
  readonly reportIntervalMs?: number;
  readonly now?: () => number;
}

const DEFAULT_REPORT_INTERVAL_MS = 5_000;

export class UnhandledErrors {
  private sinks: UnhandledErrorSinks;
  private readonly counts: Record<UnhandledKind, number> = { 'unhandled-rejection': 0, 'uncaught-exception': 0 };
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private readonly reportIntervalMs: number;
  private readonly now: () => number;

  constructor(options: UnhandledErrorsOptions = {}) {
    this.sinks = options.sinks ?? { log: stderrLogger() };
    this.reportIntervalMs = options.reportIntervalMs ?? DEFAULT_REPORT_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Reports go to the core's log and windows from now on. */
  attach(sinks: UnhandledErrorSinks): void {
    this.sinks = sinks;
  }

  /** Failures handled since start, by kind. */
  count(kind?: UnhandledKind): number {
    return kind ? this.counts[kind] : this.counts['unhandled-rejection'] + this.counts['uncaught-exception'];
  }

  /** Logs, counts and reports one failure. Never throws: it runs where a throw would end the process. */
  handle(kind: UnhandledKind, reason: unknown): void {
    this.counts[kind]++;
    const count = this.count();
    const fields: LogFields = { kind, count, error: reason instanceof Error ? reason : { value: describe(reason) } };
    try {
      this.sinks.log.error(kind === 'unhandled-rejection' ? 'Unhandled promise rejection in the main process' : 'Uncaught exception in the main process', fields);
    } catch {
      // The log itself failed (disk full, folder gone): one line without details, which could hold secrets.
      writeStderr(`MSP Roster: ${kind} in the main process (${count} so far); the log could not be written.\n`);
    }
    const at = this.now();
    if (!this.sinks.events || at - this.lastReportAt < this.reportIntervalMs) return;
    this.lastReportAt = at;
    try {
      this.sinks.events.emit(null, 'backgroundError', { kind, count });
    } catch {
      // A window that cannot be told must not take the process down either.
    }
  }

  /** Listens on `target` (the process); returns a function that stops listening. */
  install(target: ProcessEvents): () => void {
    const onRejection = (reason: unknown) => this.handle('unhandled-rejection', reason);
    const onException = (error: Error) => this.handle('uncaught-exception', error);
    target.on('unhandledRejection', onRejection);
    target.on('uncaughtException', onException);
    return () => {
      target.off('unhandledRejection', onRejection);
      target.off('uncaughtException', onException);
    };
  }
}

/** A rejection may carry anything; objects go through the redactor as fields, the rest as text. */
function describe(reason: unknown): unknown {
  if (reason !== null && typeof reason === 'object') return reason;
  return String(reason);
}

function writeStderr(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // Nowhere left to say it.
  }
}

/** Before the core exists there is no log file yet; the redactor still drops secret-looking fields. */
function stderrLogger(): Logger {
  const redactor = new Redactor();
  const write = (level: string) => (message: string, fields?: LogFields) =>
    writeStderr(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...(fields ? (redactor.redact(fields) as object) : {}) })}\n`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

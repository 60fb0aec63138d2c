/**
 * The main-process log: JSON lines in `<data>/logs/main.log`. Secrets never
 * reach it: values under secret-looking keys are replaced, and every secret the
 * vault has seen is scrubbed, in each of its forms, from any text that mentions
 * it (redactor.ts).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from './redactor';

export { Redactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  readonly dataDir: string;
  readonly redactor: Redactor;
  readonly minLevel?: LogLevel;
  /** Also echo to stderr (development). */
  readonly echo?: boolean;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', 'main.log');
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const file = logFilePath(options.dataDir);
  mkdirSync(join(options.dataDir, 'logs'), { recursive: true });
  const min = ORDER[options.minLevel ?? 'info'];
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const entry = { at: new Date().toISOString(), level, message: options.redactor.scrub(message), ...(fields ? (options.redactor.redact(fields) as object) : {}) };
    const line = `${JSON.stringify(entry)}\n`;
    // Logging never throws: a log folder removed or a disk full must not turn into an unhandled rejection in main.
    // (The line goes to stderr instead.)
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      if (!options.echo) process.stderr.write(line);
    }
    if (options.echo) process.stderr.write(line);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

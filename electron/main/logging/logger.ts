/**
 * The main-process log: JSON lines in `<data>/logs/main.log`. Secrets never
 * reach it: values under secret-looking keys are replaced, and every secret the
 * vault has seen is scrubbed from any text that mentions it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const SECRET_KEY = /pass(word)?|secret|token|private|authorization|cookie|credential|api[-_]?key/i;
const REDACTED = '[redacted]';

/** Remembers secrets so any log text containing one is scrubbed. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  redact(value: unknown, key = ''): unknown {
    if (key && SECRET_KEY.test(key)) return REDACTED;
    if (typeof value === 'string') return this.scrub(value);
    if (value instanceof Error) return { name: value.name, message: this.scrub(value.message), stack: value.stack && this.scrub(value.stack) };
    if (Array.isArray(value)) return value.map((item) => this.redact(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redact(v, k)]));
    }
    return value;
  }
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
    appendFileSync(file, line, { mode: 0o600 });
    if (options.echo) process.stderr.write(line);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createFileLogger, logFilePath, Redactor } from '../../electron/main/logging/logger';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('main-process log', () => {
  it('redacts secret-looking fields and any secret the vault has seen', () => {
    const dataDir = tempDir();
    const redactor = new Redactor();
    redactor.add('known-secret-value-123');
    const log = createFileLogger({ dataDir, redactor });
    log.info('Calling PSA with known-secret-value-123', { password: 'hunter2-hunter2', nested: { apiKey: 'k-12345678', note: 'see known-secret-value-123' }, user: 'ann' });
    log.error('Failed', { error: new Error('bad known-secret-value-123') });
    const text = readFileSync(logFilePath(dataDir), 'utf8');
    expect(text).not.toContain('known-secret-value-123');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('k-12345678');
    const [first] = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', message: 'Calling PSA with [redacted]', password: '[redacted]', nested: { apiKey: '[redacted]', note: 'see [redacted]' }, user: 'ann' });
  });

  it('never throws when the log cannot be written (its folder removed): the line goes to stderr, still redacted', () => {
    const dataDir = tempDir();
    const redactor = new Redactor();
    redactor.add('known-secret-value-123');
    const log = createFileLogger({ dataDir, redactor });
    rmSync(dataDir, { recursive: true, force: true });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => log.error('PSA fetch job could not report its end', { detail: 'known-secret-value-123' })).not.toThrow();
      expect(String(stderr.mock.calls[0]?.[0])).toContain('"detail":"[redacted]"');
    } finally {
      stderr.mockRestore();
    }
  });
});

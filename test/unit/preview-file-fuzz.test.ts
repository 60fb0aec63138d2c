/**
 * Property: whatever happens to a valid preview file — bytes flipped, cut or inserted in the gzip or in its content,
 * JSON edited and the file re-made with a right or a wrong checksum — opening it either gives a valid document or
 * rejects with PreviewFileError, and it settles in time. Never another exception, never a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewFileError } from '../../electron/main/preview/preview-file-error';
import { readPreviewFile, writePreviewFile } from '../../electron/main/preview/preview-file';
import { checkPreviewDocumentNow } from '../../shared/preview/preview-check';
import { PREVIEW_PROBLEMS } from '../../shared/preview/preview-document';
import { buildPreviewDocument } from '../support/preview-documents';
import { byteDamage, previewBytes, splitContent, wholeDocument, withBody } from '../support/preview-files';

const document = buildPreviewDocument({ companies: 8, contacts: 24 });
let dir: string;
let file: Buffer;
let content: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msp-roster-preview-fuzz-'));
  await writePreviewFile(join(dir, 'valid.msp-preview'), document);
  const { readFileSync } = await import('node:fs');
  file = readFileSync(join(dir, 'valid.msp-preview'));
  content = gunzipSync(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seen = new Map<string, number>();
let runs = 0;

/** Opens `bytes`: a valid document or a PreviewFileError, within 5 s. */
async function opensSafely(bytes: Buffer): Promise<void> {
  const path = join(dir, `case-${runs++}.msp-preview`);
  writeFileSync(path, bytes);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), 5000)));
  const outcome = await Promise.race([
    readPreviewFile(path).then(
      (opened) => ({ opened }),
      (error: unknown) => ({ error }),
    ),
    hang,
  ]);
  clearTimeout(timer);
  rmSync(path, { force: true });
  expect(outcome).not.toBe('hang');
  if (outcome === 'hang') return;
  if ('error' in outcome) {
    expect(outcome.error).toBeInstanceOf(PreviewFileError);
    const problem = (outcome.error as PreviewFileError).problem;
    expect(PREVIEW_PROBLEMS).toContain(problem);
    seen.set(problem, (seen.get(problem) ?? 0) + 1);
  } else {
    expect(checkPreviewDocumentNow(await wholeDocument(outcome.opened)).ok).toBe(true);
    seen.set('opened', (seen.get('opened') ?? 0) + 1);
  }
}

const damage = byteDamage;

/** Every path in a JSON value, the root included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => paths(item, [...prefix, i])));
  if (typeof value === 'object' && value !== null) return here.concat(...Object.entries(value).map(([key, inner]) => paths(inner, [...prefix, key])));
  return here;
}

describe('a damaged or edited preview file never crashes the loader', () => {
  it('byte damage to the gzip file', async () => {
    await fc.assert(
      fc.asyncProperty(damage, async (change) => opensSafely(change(file))),
      { numRuns: 80 },
    );
  });

  it('byte damage to the content, re-compressed (the checksum no longer matches, or the container breaks)', async () => {
    await fc.assert(
      fc.asyncProperty(damage, async (change) => opensSafely(gzipSync(change(content)))),
      { numRuns: 60 },
    );
  });

  it('byte damage to the body, re-compressed with a checksum that matches it', async () => {
    const { body } = splitContent(file);
    await fc.assert(
      fc.asyncProperty(damage, async (change) => opensSafely(gzipSync(withBody(change(body))))),
      { numRuns: 80 },
    );
  });

  it('JSON edits (a value replaced, removed, or an item repeated), with a right or a wrong checksum', async () => {
    const all = paths(document);
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'remove', 'repeat'),
      value: fc.jsonValue({ maxDepth: 2 }),
      checksum: fc.constantFrom('right' as const, 'wrong' as const),
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ at, kind, value, checksum }) => {
        const copy = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
        const path = all[at % all.length]!;
        if (path.length === 0) return opensSafely(previewBytes({ value } as Record<string, unknown>, { checksum }));
        const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as Record<string | number, unknown> | unknown[];
        const key = path[path.length - 1]!;
        if (kind === 'replace') (parent as Record<string | number, unknown>)[key] = value;
        else if (kind === 'remove') {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        } else if (Array.isArray(parent)) parent.push(parent[Number(key)]);
        else (parent as Record<string | number, unknown>)[`${key}Copy`] = parent[key];
        return opensSafely(previewBytes(copy, { checksum }));
      }),
      { numRuns: 120 },
    );
    // The mutations reached the loader's many refusals, not one.
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });
});

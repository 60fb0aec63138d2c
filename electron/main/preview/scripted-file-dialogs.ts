/**
 * The file dialogs of the development bridge and the tests: no window to show one in, so each answer is scripted
 * (`answerNext`) or, when none is, a default in `<dataDir>/previews`: a save goes there under the suggested name, an
 * open takes the newest preview file there (cancelled when there is none), an export folder is
 * `<dataDir>/previews/exports`. Tests reach them through the bridge (`RunningBridge.dialogs`) or the core
 * (`core.previews.deps.dialogs`).
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PREVIEW_FILE_EXTENSION } from '../../../shared/preview/preview-document';
import type { Caller } from '../base/caller';
import { withExtension, type FileDialogs, type SaveDialogOptions } from './file-dialogs';

export type DialogKind = 'save' | 'open' | 'folder';
/** A path, or null for "the dialog is cancelled". */
export type DialogAnswer = string | null;

export class ScriptedFileDialogs implements FileDialogs {
  private readonly scripted: Record<DialogKind, DialogAnswer[]> = { save: [], open: [], folder: [] };
  /** Every dialog shown, in order (tests check what was offered). */
  readonly shown: Array<{ readonly kind: DialogKind; readonly suggestedName?: string }> = [];

  constructor(private readonly dataDir: string) {}

  /** The next dialog of this kind answers `answer` (a path, or null: cancelled); answers queue in order. */
  answerNext(kind: DialogKind, answer: DialogAnswer): void {
    this.scripted[kind].push(answer);
  }

  chooseSaveFile(_caller: Caller, options: SaveDialogOptions): Promise<string | null> {
    this.shown.push({ kind: 'save', suggestedName: options.suggestedName });
    const answer = this.next('save', () => join(this.folder(), options.suggestedName));
    return Promise.resolve(answer === null ? null : withExtension(answer, options.extension));
  }

  chooseOpenFile(): Promise<string | null> {
    this.shown.push({ kind: 'open' });
    return Promise.resolve(this.next('open', () => this.newestPreview()));
  }

  /** A folder answered is made when it is not there (as "New folder" in a native dialog would). */
  chooseFolder(): Promise<string | null> {
    this.shown.push({ kind: 'folder' });
    const folder = this.next('folder', () => join(this.folder(), 'exports'));
    if (folder !== null) mkdirSync(folder, { recursive: true });
    return Promise.resolve(folder);
  }

  private next(kind: DialogKind, fallback: () => DialogAnswer): DialogAnswer {
    const queue = this.scripted[kind];
    return queue.length > 0 ? (queue.shift() ?? null) : fallback();
  }

  private folder(): string {
    const folder = join(this.dataDir, 'previews');
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  private newestPreview(): string | null {
    const folder = this.folder();
    const files = readdirSync(folder)
      .filter((name) => name.endsWith(PREVIEW_FILE_EXTENSION))
      .map((name) => ({ path: join(folder, name), at: statSync(join(folder, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    return files[0]?.path ?? null;
  }
}

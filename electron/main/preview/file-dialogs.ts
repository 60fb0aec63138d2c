/**
 * Where preview files come from and go to: the native dialogs in the app (platform/electron-file-dialogs.ts), a
 * scripted stand-in in the development bridge and the tests (scripted-file-dialogs.ts). Every path a preview channel
 * reads or writes was chosen here, or is in the recent list: the renderer never names one.
 */
import type { Caller } from '../base/caller';

export interface SaveDialogOptions {
  /** The file name offered (e.g. "Autotask 2026-12-01.msp-preview"). */
  readonly suggestedName: string;
  /** What the file must end with, with its dot (".msp-preview", ".html"); added when the chosen name lacks it. */
  readonly extension: string;
}

export interface FileDialogs {
  /** Where to save a file: its full path, or null when the dialog was closed without one. */
  chooseSaveFile(caller: Caller, options: SaveDialogOptions): Promise<string | null>;
  /** A preview file to open (`.msp-preview`), or null. */
  chooseOpenFile(caller: Caller): Promise<string | null>;
  /** A folder to export into, or null. */
  chooseFolder(caller: Caller): Promise<string | null>;
}

/** The path with `extension` added when it does not end with it (case-insensitively). */
export function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(extension.toLowerCase()) ? path : `${path}${extension}`;
}

/**
 * The preview file the OS hands the app on its command line (a double-click on a `.msp-preview`, "Open with", a
 * second launch): the last argument that names such a file. Pure (no Electron, no file system), unit-tested.
 */
import { isAbsolute, resolve } from 'node:path';
import { PREVIEW_FILE_EXTENSION } from '../../../shared/preview/preview-document';

/**
 * `argv` as a launch gets it (the executable first; Chromium's switches anywhere), `cwd` the launching process's
 * folder (a relative path is resolved against it). Null when no argument is a preview file.
 */
export function previewPathFromArgv(argv: readonly string[], cwd: string = process.cwd()): string | null {
  // The executable (and, unpackaged, the app's folder) come first; a switch starts with "-"; a URL is no file.
  for (const argument of [...argv.slice(1)].reverse()) {
    if (argument.startsWith('-') || /^[a-z][a-z0-9+.-]+:\/\//i.test(argument)) continue;
    const path = argument.trim();
    if (!path.toLowerCase().endsWith(PREVIEW_FILE_EXTENSION)) continue;
    return isAbsolute(path) ? path : resolve(cwd, path);
  }
  return null;
}

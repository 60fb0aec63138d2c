/**
 * The native file dialogs of the app, each shown on the window of the caller that asked (modal to it), titled and
 * with file types in the user's language.
 */
import { BrowserWindow, dialog, webContents, type OpenDialogOptions } from 'electron';
import { PREVIEW_FILE_EXTENSION } from '../../../shared/preview/preview-document';
import type { Caller } from '../base/caller';
import { withExtension, type FileDialogs, type SaveDialogOptions } from '../preview/file-dialogs';
import type { Translate } from '../preview/main-translator';

export class ElectronFileDialogs implements FileDialogs {
  constructor(
    /** The id of the webContents behind a caller's session (the IPC edge's map), if it is a window here. */
    private readonly windowOf: (caller: Caller) => string | undefined,
    /** The user's language now (Settings, else the system's). */
    private readonly translator: () => Promise<Translate>,
  ) {}

  async chooseSaveFile(caller: Caller, options: SaveDialogOptions): Promise<string | null> {
    const t = await this.translator();
    const preview = options.extension === PREVIEW_FILE_EXTENSION;
    const settings = {
      title: t(preview ? 'previewDialogs.savePreview' : 'previewDialogs.saveReport'),
      defaultPath: options.suggestedName,
      filters: [{ name: t(preview ? 'previewDialogs.previewFiles' : 'previewDialogs.htmlFiles'), extensions: [options.extension.slice(1)] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
    };
    const window = this.window(caller);
    const result = window ? await dialog.showSaveDialog(window, settings) : await dialog.showSaveDialog(settings);
    return result.canceled || !result.filePath ? null : withExtension(result.filePath, options.extension);
  }

  async chooseOpenFile(caller: Caller): Promise<string | null> {
    const t = await this.translator();
    return this.open(caller, { title: t('previewDialogs.open'), filters: [{ name: t('previewDialogs.previewFiles'), extensions: [PREVIEW_FILE_EXTENSION.slice(1)] }], properties: ['openFile'] });
  }

  async chooseFolder(caller: Caller): Promise<string | null> {
    const t = await this.translator();
    return this.open(caller, { title: t('previewDialogs.exportFolder'), properties: ['openDirectory', 'createDirectory'] });
  }

  private async open(caller: Caller, settings: OpenDialogOptions): Promise<string | null> {
    const window = this.window(caller);
    const result = window ? await dialog.showOpenDialog(window, settings) : await dialog.showOpenDialog(settings);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  private window(caller: Caller): BrowserWindow | null {
    const id = Number(this.windowOf(caller));
    const contents = Number.isInteger(id) ? webContents.fromId(id) : undefined;
    return contents ? BrowserWindow.fromWebContents(contents) : null;
  }
}

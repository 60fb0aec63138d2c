/** The native file dialogs of the app, each shown on the window of the caller that asked (modal to it). */
import { BrowserWindow, dialog, webContents, type OpenDialogOptions, type SaveDialogOptions as ElectronSaveOptions } from 'electron';
import { PREVIEW_FILE_EXTENSION } from '../../../shared/preview/preview-document';
import type { Caller } from '../base/caller';
import { withExtension, type FileDialogs, type SaveDialogOptions } from '../preview/file-dialogs';

const PREVIEW_FILTER = { name: 'MSP Roster preview', extensions: [PREVIEW_FILE_EXTENSION.slice(1)] };

export class ElectronFileDialogs implements FileDialogs {
  /** `windowOf`: the id of the webContents behind a caller's session (the IPC edge's map), if it is a window here. */
  constructor(private readonly windowOf: (caller: Caller) => string | undefined) {}

  async chooseSaveFile(caller: Caller, options: SaveDialogOptions): Promise<string | null> {
    const settings: ElectronSaveOptions = {
      defaultPath: options.suggestedName,
      filters: [{ name: options.extension === PREVIEW_FILE_EXTENSION ? PREVIEW_FILTER.name : options.extension.slice(1).toUpperCase(), extensions: [options.extension.slice(1)] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = this.window(caller);
    const result = window ? await dialog.showSaveDialog(window, settings) : await dialog.showSaveDialog(settings);
    return result.canceled || !result.filePath ? null : withExtension(result.filePath, options.extension);
  }

  async chooseOpenFile(caller: Caller): Promise<string | null> {
    return this.open(caller, { filters: [PREVIEW_FILTER], properties: ['openFile'] });
  }

  async chooseFolder(caller: Caller): Promise<string | null> {
    return this.open(caller, { properties: ['openDirectory', 'createDirectory'] });
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

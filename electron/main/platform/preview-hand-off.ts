/**
 * Preview files the OS hands the app (a double-click on a `.msp-preview`, "Open with", a second launch, macOS's
 * open-file): each goes to the app's window once its renderer is ready (the first launch's file waits for it),
 * which is restored and focused. What a path is, and what the core does with it, is not Electron's business: see
 * preview/preview-argv.ts and Core.handOffPreview.
 */
import type { BrowserWindow } from 'electron';

export class PreviewHandOff {
  private readonly pending: string[] = [];
  private ready: BrowserWindow | null = null;

  constructor(private readonly deliver: (path: string, window: BrowserWindow) => void) {}

  /** A path the OS handed over (null: the launch named none). */
  received(path: string | null): void {
    if (path === null) return;
    const window = this.ready && !this.ready.isDestroyed() ? this.ready : null;
    if (!window) return void this.pending.push(path);
    if (window.isMinimized()) window.restore();
    window.focus();
    this.deliver(path, window);
  }

  /** The window's renderer has loaded: it gets what waited, and what comes next. */
  windowReady(window: BrowserWindow): void {
    this.ready = window;
    for (const path of this.pending.splice(0)) this.deliver(path, window);
  }

  windowClosed(window: BrowserWindow): void {
    if (this.ready === window) this.ready = null;
  }
}

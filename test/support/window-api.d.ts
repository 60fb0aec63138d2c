import type { AppApi } from '../../shared/ipc/api';

// Code inside page.evaluate() runs in the renderer, where the preload (or the bridge client) put window.api.
declare global {
  interface Window {
    readonly api: AppApi;
  }
}

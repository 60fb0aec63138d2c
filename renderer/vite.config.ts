import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_CSP } from '../shared/security/csp';

/** Puts the one CSP (shared/security/csp.ts) into index.html's meta tag. */
function injectCsp(): Plugin {
  return {
    name: 'msp-roster-csp',
    transformIndexHtml: (html) => html.replace('__RENDERER_CSP__', RENDERER_CSP),
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react(), injectCsp()],
  build: {
    outDir: resolve(import.meta.dirname, '../out/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // The polyfill would be an inline script, which the CSP forbids; Chromium needs none.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
});

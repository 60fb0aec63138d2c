/**
 * The renderer's Content-Security-Policy. Delivered as a response header by the
 * `app://` protocol handler (Electron) and by the development bridge, and as a
 * `<meta>` tag in the built index.html so it also holds where headers do not.
 * The renderer talks only to its own origin: PSA traffic goes through main.
 */
/**
 * The two `<style>` elements React Aria Components inject (usePress: touch-action on pressable elements;
 * usePreventScroll: overscroll containment under a popover or modal), allowed by their exact hashes only.
 */
const REACT_ARIA_STYLE_HASHES = ["'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='", "'sha256-gYiS/BvZvRcK27JIXTuwhZ3hs2+VJ1X+2gUlE+farlg='"];

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${REACT_ARIA_STYLE_HASHES.join(' ')}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Header-only directives (ignored in `<meta>`): the app is never framed. */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`;

/** The scheme and host the packaged renderer is served from in Electron. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

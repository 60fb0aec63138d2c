/**
 * Who may call the core. Every transport (Electron IPC, the development bridge)
 * describes its caller with a `SenderInfo`, so none can skip these checks.
 */
export interface SenderInfo {
  /** The app window the call came from; null when the transport could not tie it to one of ours. */
  readonly windowId: string | null;
  readonly frameUrl: string;
  /** The origin the transport observed (Electron's frame origin, the browser's Origin header). */
  readonly origin: string;
  readonly isTopFrame: boolean;
}

/**
 * `scheme://host[:port]` of a URL. Not `URL.origin`: for a custom scheme such
 * as `app://bundle` that is the string "null".
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** Why a sender is refused, or null when it is allowed. Origins are compared exactly, never by prefix. */
export function senderRefusal(sender: SenderInfo | null, allowedOrigins: readonly string[]): string | null {
  if (!sender) return 'no sender frame';
  if (sender.windowId === null) return 'not one of the app windows';
  if (!sender.isTopFrame) return 'not the top frame';
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || !allowedOrigins.includes(frameOrigin)) return `frame URL origin ${frameOrigin ?? 'invalid'} not allowed`;
  if (!allowedOrigins.includes(sender.origin)) return `origin ${sender.origin} not allowed`;
  if (sender.origin !== frameOrigin) return 'origin and frame URL disagree';
  return null;
}

import { eventChannelName, events, type EventName, type EventPayload } from '../../../shared/ipc/contract';

/** `null` means every session (every window of this process). */
export type EventListener = (sessionKey: string | null, eventChannel: string, payload: unknown) => void;

/**
 * Main→renderer events, addressed to a caller's session. Edges subscribe and
 * deliver to the windows behind those sessions; payloads are validated before they leave.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(sessionKey: string | null, event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(sessionKey, eventChannelName(event), checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

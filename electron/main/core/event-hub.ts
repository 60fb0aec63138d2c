import { eventChannelName, events, type EventName, type EventPayload } from '../../../shared/ipc/contract';

/** `null` window means every window. */
export type EventListener = (windowId: string | null, eventChannel: string, payload: unknown) => void;

/** Main→renderer events. Transports subscribe and deliver to their windows; payloads are validated before they leave. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(windowId: string | null, event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(windowId, eventChannelName(event), checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

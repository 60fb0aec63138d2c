/**
 * `AppApi`, the shape of `window.api`, derived from the contract, and the one
 * function that builds it over a transport. The Electron preload and the
 * development browser bridge both call `buildApi`, so their surfaces cannot drift.
 */
import type { z } from 'zod';
import { contract, channelName, eventChannelName, listEventNames, type ChannelDef, type Contract, type EventName, type EventPayload } from './contract';
import type { IpcResult } from './result';

type Method<C> =
  C extends ChannelDef<infer I, infer O>
    ? undefined extends z.input<I>
      ? () => Promise<IpcResult<z.output<O>>>
      : (input: z.input<I>) => Promise<IpcResult<z.output<O>>>
    : never;

export type DomainApi<D extends keyof Contract> = { readonly [M in keyof Contract[D]]: Method<Contract[D][M]> };

export type AppApi = { readonly [D in keyof Contract]: DomainApi<D> } & {
  /** Subscribe to an event; returns the unsubscribe function. Listeners get the payload only. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What a host must provide: a request/response call and an event subscription. */
export interface ApiTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(eventChannel: string, listener: (payload: unknown) => void): () => void;
}

export function buildApi(transport: ApiTransport): AppApi {
  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(contract)) {
    const domainApi: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const name = channelName(domain, method);
      domainApi[method] = (input?: unknown) => transport.invoke(name, input);
    }
    api[domain] = Object.freeze(domainApi);
  }
  const known = new Set<string>(listEventNames());
  api['on'] = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event: ${event}`);
    return transport.subscribe(eventChannelName(event), listener);
  };
  // The cast is the one place the runtime object meets its derived type; `api-shape` tests prove they agree.
  return Object.freeze(api) as unknown as AppApi;
}

/** The nested key structure of an api object, e.g. `["app.info", "auth.signIn", …, "on"]`, for shape comparisons. */
export function describeApiShape(api: object): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(api)) {
    if (typeof value === 'function') keys.push(key);
    else if (value && typeof value === 'object') for (const inner of Object.keys(value)) keys.push(`${key}.${inner}`);
  }
  return keys.sort();
}

import type { z } from 'zod';
import type { ChannelDef, Contract, Domain } from '../../../../shared/ipc/contract';
import type { SessionState } from '../../auth/session-store';
import type { Caller } from '../../base/caller';

export interface HandlerContext {
  /** The session behind the calling window (the edge maps windows to sessions). */
  readonly caller: Caller;
  /** Present whenever the channel's access is stricter than `public`. */
  readonly session: SessionState | undefined;
}

type Handler<C> = C extends ChannelDef<infer I, infer O> ? (input: z.output<I>, context: HandlerContext) => Promise<z.input<O>> : never;

/** One handler per contract channel, with the contract's types. */
export type DomainHandlers<D extends Domain> = { readonly [M in keyof Contract[D]]: Handler<Contract[D][M]> };
export type Handlers = { readonly [D in Domain]: DomainHandlers<D> };

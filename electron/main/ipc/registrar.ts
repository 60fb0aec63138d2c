/**
 * The single entry to the core from any renderer. For every call: the channel
 * must be in the contract, the sender must be the app's own top frame, the
 * payload must match the input schema, and the session must grant the
 * channel's access; only then does the handler run. Everything comes back as
 * an `IpcResult` — nothing throws across the boundary.
 */
import type { z } from 'zod';
import { listChannels, type Access, type ChannelDef } from '../../../shared/ipc/contract';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result';
import type { SessionState, SessionStore } from '../auth/session-store';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import type { Logger } from '../logging/logger';
import type { HandlerContext, Handlers } from './handlers/types';
import { senderRefusal, type SenderInfo } from './sender-check';

type AnyHandler = (input: unknown, context: HandlerContext) => Promise<unknown>;

interface Route {
  readonly def: ChannelDef;
  readonly handler: AnyHandler;
}

export interface RegistrarOptions {
  readonly handlers: Handlers;
  readonly allowedOrigins: readonly string[];
  readonly sessions: SessionStore;
  /** The session behind an app window (the IPC edge keeps one per window). */
  readonly callerOf: (windowId: string) => Caller;
  readonly log: Logger;
  /** Sees every result before it leaves (tests record responses with it). */
  readonly onResult?: (channel: string, result: IpcResult<unknown>) => void;
}

export class Registrar {
  private readonly routes = new Map<string, Route>();

  constructor(private readonly options: RegistrarOptions) {
    const handlers = options.handlers as unknown as Record<string, Record<string, AnyHandler>>;
    for (const entry of listChannels()) {
      const handler = handlers[entry.domain]?.[entry.method];
      if (!handler) throw new Error(`No handler for channel ${entry.name}`);
      this.routes.set(entry.name, { def: entry.def, handler });
    }
  }

  /** The channel names a transport should listen on. */
  channels(): string[] {
    return [...this.routes.keys()];
  }

  async invoke(channel: string, payload: unknown, sender: SenderInfo | null): Promise<IpcResult<unknown>> {
    const result = await this.dispatch(channel, payload, sender);
    this.options.onResult?.(channel, result);
    return result;
  }

  private async dispatch(channel: string, payload: unknown, sender: SenderInfo | null): Promise<IpcResult<unknown>> {
    const route = this.routes.get(channel);
    if (!route) {
      this.options.log.warn('Refused call to unknown channel', { channel: String(channel).slice(0, 100) });
      return fail('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 100)}`);
    }
    const refusal = senderRefusal(sender, this.options.allowedOrigins);
    if (refusal || !sender?.windowId) {
      this.options.log.warn('Refused call from a foreign sender', { channel, reason: refusal });
      return fail('FORBIDDEN_SENDER', `Refused: ${refusal}`);
    }
    const parsed = route.def.input.safeParse(payload);
    if (!parsed.success) return fail('VALIDATION_FAILED', `Invalid input for ${channel}`, fieldErrors(parsed.error));
    const caller = this.options.callerOf(sender.windowId);
    const session = this.options.sessions.get(caller.sessionKey);
    const denied = accessDenial(route.def.access, session);
    if (denied) return denied;
    try {
      const value = await route.handler(parsed.data, { caller, session });
      const checked = route.def.output.safeParse(value);
      if (!checked.success) {
        this.options.log.error('Handler returned a value that breaks the contract', { channel, issues: checked.error.issues.map((i) => i.path.join('.')) });
        return fail('INTERNAL', 'The app produced an invalid response.');
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.fields);
      this.options.log.error('Handler failed', { channel, error });
      return fail('INTERNAL', 'Something went wrong.');
    }
  }
}

function accessDenial(access: Access, session: SessionState | undefined): IpcResult<never> | null {
  if (access === 'public') return null;
  if (!session) return fail('NOT_SIGNED_IN', 'Sign in first.');
  if (access === 'authenticated') return null;
  if (session.mustChangePassword) return fail('PASSWORD_CHANGE_REQUIRED', 'Change your password before you continue.');
  if (access === 'member') return null;
  if (session.role === 'technician') return fail('PERMISSION_DENIED', 'Only administrators can do this.');
  if (access === 'master_admin' && session.role !== 'master_admin') return fail('PERMISSION_DENIED', 'Only a Master Administrator can do this.');
  return null;
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '(payload)';
    fields[path] ??= issue.message;
  }
  return fields;
}

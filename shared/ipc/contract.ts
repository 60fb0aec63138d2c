/**
 * The one IPC contract. Every channel the renderer can call, with its input and
 * output schema and the access it needs; every event main can push. The preload,
 * the development browser bridge, the main-process registrar and the renderer's
 * `AppApi` type are all derived from this object.
 */
import { z } from 'zod';
import {
  AppInfoSchema,
  AuthStatusSchema,
  EmailSchema,
  LanguagePreferenceSchema,
  PasswordPolicySchema,
  PasswordSchema,
  PersonNameSchema,
  PreferencesSchema,
  SessionSchema,
  VaultStatusSchema,
} from './schemas';

/**
 * Who may call a channel. `public`: anyone in the app window; `authenticated`: a
 * signed-in administrator, even one who still has to change their password;
 * `admin`: a fully signed-in administrator; `master_admin`: Master Administrators only.
 */
export type Access = 'public' | 'authenticated' | 'admin' | 'master_admin';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

const NoInput = z.undefined();
const NoOutput = z.null();

export const contract = {
  app: {
    info: channel({ input: NoInput, output: AppInfoSchema, access: 'public' }),
  },
  auth: {
    status: channel({ input: NoInput, output: AuthStatusSchema, access: 'public' }),
    passwordPolicy: channel({ input: NoInput, output: PasswordPolicySchema, access: 'public' }),
    createFirstAdmin: channel({
      input: z.strictObject({ name: PersonNameSchema, email: EmailSchema, password: PasswordSchema }),
      output: SessionSchema,
      access: 'public',
    }),
    signIn: channel({
      input: z.strictObject({ email: EmailSchema, password: PasswordSchema }),
      output: SessionSchema,
      access: 'public',
    }),
    signOut: channel({ input: NoInput, output: NoOutput, access: 'public' }),
    changePassword: channel({
      input: z.strictObject({ currentPassword: PasswordSchema, newPassword: PasswordSchema }),
      output: SessionSchema,
      access: 'authenticated',
    }),
  },
  settings: {
    getPreferences: channel({ input: NoInput, output: PreferencesSchema, access: 'public' }),
    setLanguage: channel({
      input: z.strictObject({ language: LanguagePreferenceSchema }),
      output: PreferencesSchema,
      access: 'public',
    }),
  },
  vault: {
    status: channel({ input: NoInput, output: VaultStatusSchema, access: 'admin' }),
  },
} as const;

/** Events main pushes to a window. */
export const events = {
  /** The window's session changed (signed in, out, or password changed). */
  sessionChanged: AuthStatusSchema,
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** All channel names are `domain:method`, the only place channel strings are made. */
export function channelName(domain: string, method: string): string {
  return `${domain}:${method}`;
}

/** Event channels live in their own namespace so they can never collide with calls. */
export function eventChannelName(event: string): string {
  return `event:${event}`;
}

export interface ChannelEntry {
  readonly name: string;
  readonly domain: string;
  readonly method: string;
  readonly def: ChannelDef;
}

/** Every channel of the contract, in declaration order. */
export function listChannels(): ChannelEntry[] {
  const entries: ChannelEntry[] = [];
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [method, def] of Object.entries(methods as Record<string, ChannelDef>)) {
      entries.push({ name: channelName(domain, method), domain, method, def });
    }
  }
  return entries;
}

export function listEventNames(): EventName[] {
  return Object.keys(events) as EventName[];
}

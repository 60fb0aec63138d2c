/**
 * The team connection form as typed, and what it means: a TeamConnection the
 * core accepts, or which fields to fix. Pure, so the rules are unit-tested.
 */
import { DEFAULT_PG_PORT, TeamConnectionSchema, type TeamConnection, type TlsMode } from '../../../shared/workspace/connection';

export interface ConnectionDraft {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  /** Empty: use the password stored on this workstation for this connection. */
  readonly password: string;
  readonly tls: TlsMode;
  readonly caFile: string;
}

export type DraftField = keyof ConnectionDraft;
export type DraftProblem = 'required' | 'hostInvalid' | 'portInvalid';

/** A server elsewhere on the network: encrypted by default. */
export const EMPTY_DRAFT: ConnectionDraft = { host: '', port: String(DEFAULT_PG_PORT), database: 'msp_roster', user: '', password: '', tls: 'require', caFile: '' };

export function draftFrom(connection: TeamConnection): ConnectionDraft {
  return { ...connection, port: String(connection.port), password: '', caFile: connection.caFile ?? '' };
}

export type DraftResult = { readonly ok: true; readonly connection: TeamConnection; readonly password: string | null } | { readonly ok: false; readonly problems: Partial<Record<DraftField, DraftProblem>> };

export function readDraft(draft: ConnectionDraft): DraftResult {
  const problems: Partial<Record<DraftField, DraftProblem>> = {};
  const host = draft.host.trim();
  if (!host) problems.host = 'required';
  else if (!/^[A-Za-z0-9._:[\]-]+$/.test(host)) problems.host = 'hostInvalid';
  const port = Number(draft.port.trim());
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65_535) problems.port = 'portInvalid';
  if (!draft.database.trim()) problems.database = 'required';
  if (!draft.user.trim()) problems.user = 'required';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const connection = TeamConnectionSchema.parse({
    host,
    port,
    database: draft.database.trim(),
    user: draft.user.trim(),
    tls: draft.tls,
    // A CA file only means something when the certificate is checked.
    caFile: draft.tls === 'verify-full' && draft.caFile.trim() ? draft.caFile.trim() : null,
  });
  return { ok: true, connection, password: draft.password === '' ? null : draft.password };
}

/**
 * Drift: what changed in the workspace between saving an import preview and applying it (issue 12). Pure: the
 * caller hands in the preview's side (the reconciliation as the technician saw it, and their decisions) and the
 * workspace's side now (the same download reconciled again, the managed companies and users as they are, the seats
 * left). Only selected companies matter: the rest are not applied. Nothing is applied blindly: each drift is
 * resolved (the decision changed) or accepted before the apply.
 */
import { z } from 'zod';
import { effectiveChoice, type ImportDraft } from './draft';
import type { ImportCompanyRow } from './session';

const Ref = z.strictObject({ id: z.string(), name: z.string() });
const Company = { psaCompanyId: z.string(), psaName: z.string() };

export const DriftSchema = z.discriminatedUnion('kind', [
  /** Not mapped when the preview was saved; someone has mapped it since. */
  z.strictObject({ kind: z.literal('mapped-since'), ...Company, managedCompany: Ref }),
  /** Mapped when saved; now unmapped, or mapped to another managed company. */
  z.strictObject({ kind: z.literal('mapping-changed'), ...Company, before: Ref, now: Ref.nullable() }),
  /** The managed company chosen as the target was deleted since. */
  z.strictObject({ kind: z.literal('target-deleted'), ...Company, target: Ref }),
  /** The managed company chosen as the target was renamed since. */
  z.strictObject({ kind: z.literal('target-renamed'), ...Company, target: Ref, nowName: z.string() }),
  /** A user chosen for a contact was deleted since. */
  z.strictObject({ kind: z.literal('user-deleted'), psaCompanyId: z.string(), psaContactId: z.string(), userId: z.string(), email: z.string() }),
  /** A user chosen for a contact has another email address now. */
  z.strictObject({ kind: z.literal('user-email-changed'), psaCompanyId: z.string(), psaContactId: z.string(), userId: z.string(), before: z.string(), now: z.string() }),
  /** The plan needs more managed-user seats than are left now. */
  z.strictObject({ kind: z.literal('licenses-short'), needed: z.number().int().nonnegative(), available: z.number().int() }),
]);
export type Drift = z.infer<typeof DriftSchema>;
export type DriftKind = Drift['kind'];

export interface SavedSide {
  /** The companies as the preview showed them (its reconciliation). */
  readonly rows: readonly ImportCompanyRow[];
  readonly draft: ImportDraft;
  /** Seats the plan takes (counted as the users step does). */
  readonly seatsNeeded: number;
}

export interface CurrentSide {
  /** The same download reconciled against the workspace now. */
  readonly rows: readonly ImportCompanyRow[];
  /** Every managed company now, by id: its name. */
  readonly companies: ReadonlyMap<string, string>;
  /** The users the decisions name, by id: their email now (absent: deleted). */
  readonly users: ReadonlyMap<string, string>;
  /** Seats left now; null when seats are not limited. */
  readonly seatsAvailable: number | null;
}

/** A key per drift, so an accepted drift stays accepted while the list is worked out again. */
export function driftKey(drift: Drift): string {
  switch (drift.kind) {
    case 'licenses-short':
      return drift.kind;
    case 'user-deleted':
    case 'user-email-changed':
      return `${drift.kind}:${drift.psaCompanyId}:${drift.psaContactId}`;
    default:
      return `${drift.kind}:${drift.psaCompanyId}`;
  }
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function detectDrift(saved: SavedSide, now: CurrentSide): Drift[] {
  const drifts: Drift[] = [];
  const nowById = new Map(now.rows.map((row) => [row.psaCompanyId, row]));
  for (const before of saved.rows) {
    if (!saved.draft.selected[before.psaCompanyId]) continue;
    const current = nowById.get(before.psaCompanyId);
    const psa = { psaCompanyId: before.psaCompanyId, psaName: before.name };
    if (current) {
      const wasMapped = before.status === 'mapped' && before.managedCompany;
      const isMapped = current.status === 'mapped' && current.managedCompany ? current.managedCompany : null;
      if (!wasMapped && isMapped) drifts.push({ kind: 'mapped-since', ...psa, managedCompany: isMapped });
      else if (wasMapped && before.managedCompany && isMapped?.id !== before.managedCompany.id) drifts.push({ kind: 'mapping-changed', ...psa, before: before.managedCompany, now: isMapped });
    }
    const choice = effectiveChoice(before, saved.draft);
    if (choice?.kind === 'map') {
      const target = { id: choice.managedCompanyId, name: choice.managedCompanyName };
      const nowName = now.companies.get(choice.managedCompanyId);
      if (nowName === undefined) drifts.push({ kind: 'target-deleted', ...psa, target });
      else if (nowName !== choice.managedCompanyName) drifts.push({ kind: 'target-renamed', ...psa, target, nowName });
    }
    const users = saved.draft.users[before.psaCompanyId];
    if (users && users !== 'all') {
      for (const [psaContactId, user] of Object.entries(users)) {
        if (user.kind !== 'map') continue;
        const email = now.users.get(user.userId);
        if (email === undefined) drifts.push({ kind: 'user-deleted', psaCompanyId: before.psaCompanyId, psaContactId, userId: user.userId, email: user.userLabel });
        else if (!sameEmail(email, user.userLabel)) drifts.push({ kind: 'user-email-changed', psaCompanyId: before.psaCompanyId, psaContactId, userId: user.userId, before: user.userLabel, now: email });
      }
    }
  }
  if (now.seatsAvailable !== null && saved.seatsNeeded > now.seatsAvailable) drifts.push({ kind: 'licenses-short', needed: saved.seatsNeeded, available: now.seatsAvailable });
  return drifts;
}

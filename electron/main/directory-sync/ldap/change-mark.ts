/**
 * A directory's change mark: a value the server moves on every write, so a sync can tell "nothing changed since the
 * last read" with one or two base searches instead of reading every user and group again.
 * - Active Directory: the root DSE's highestCommittedUSN, which grows with every write the domain controller commits
 *   (its own and replicated ones, in every partition). USNs are per domain controller and database, so the mark
 *   names the DC (dsServiceName) and its database's invocationId, which a restore from backup changes: a run that
 *   reaches another DC, or a restored one, sees another mark and reads in full.
 * - OpenLDAP (and others with the syncprov overlay): the contextCSN of each database the search reaches — the naming
 *   context that holds the base DN and every one below it — which syncprov moves on every add, modify, rename and
 *   delete in that database (one value per provider). A database without one leaves the whole read without a mark.
 * A server that offers neither has no mark (null): every run reads in full. What no mark sees — the service
 * account's access rights changed in the server's configuration — read-cache.ts bounds by age.
 */
import { dnKey, isUnderKey } from './dn';

/** The root DSE's attributes the mark needs (as the server gives them, any case). */
export const ROOT_DSE_MARK_ATTRIBUTES = ['highestCommittedUSN', 'dsServiceName', 'namingContexts'] as const;

export interface RootDseMark {
  readonly highestCommittedUSN: readonly string[];
  readonly dsServiceName: readonly string[];
  readonly namingContexts: readonly string[];
}

/** The domain controller whose USN the root DSE gives (its NTDS Settings object), when it is an AD DC at all. */
export function usnServer(root: RootDseMark): { dsa: string; usn: string } | null {
  const usn = root.highestCommittedUSN[0]?.trim() ?? '';
  const dsa = root.dsServiceName[0]?.trim() ?? '';
  return /^\d+$/.test(usn) && dsa !== '' ? { dsa, usn } : null;
}

/** AD's mark: the DC, its database's invocationId (hex), and the USN; null without the invocationId. */
export function usnMark(server: { dsa: string; usn: string }, invocationId: string): string | null {
  return invocationId === '' ? null : `usn ${dnKey(server.dsa)} ${invocationId.toLowerCase()} ${server.usn}`;
}

/**
 * The naming contexts a subtree search of `baseDn` reaches: the deepest one that holds it (should one database sit
 * under another) and every one below it. Empty when none holds it (the server does not say where it is).
 */
export function namingContextsOf(baseDn: string, namingContexts: readonly string[]): string[] {
  const baseKey = dnKey(baseDn);
  let holder: { dn: string; key: string } | null = null;
  const below: string[] = [];
  for (const dn of namingContexts) {
    const key = dnKey(dn);
    if (key === '') continue;
    if (isUnderKey(baseKey, key)) {
      if (!holder || key.length > holder.key.length) holder = { dn, key };
    } else if (isUnderKey(key, baseKey)) {
      below.push(dn);
    }
  }
  return holder ? [holder.dn, ...below] : [];
}

/** The mark from a naming context's contextCSN values (order-free: one per provider); null when it has none. */
export function csnMark(namingContext: string, contextCsns: readonly string[]): string | null {
  const csns = contextCsns.map((csn) => csn.trim()).filter((csn) => csn !== '');
  return csns.length > 0 ? `csn ${dnKey(namingContext)} ${[...csns].sort().join(' ')}` : null;
}

/** One mark of several databases' marks: null when any of them has none (a change there would go unseen). */
export function allMarks(marks: readonly (string | null)[]): string | null {
  return marks.length === 0 || marks.some((mark) => mark === null) ? null : marks.join(' | ');
}

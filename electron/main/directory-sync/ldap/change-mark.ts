/**
 * A directory's change mark: a value the server moves on every write, so a sync can tell "nothing changed since the
 * last read" with one or two base searches instead of reading every user and group again.
 * - Active Directory: the root DSE's highestCommittedUSN, which grows with every write the domain controller commits
 *   (its own and replicated ones). USNs are per domain controller, so the mark names the DC (dsServiceName): a run
 *   that reaches another DC sees another mark and reads in full.
 * - OpenLDAP (and others with the syncprov overlay): the contextCSN of the naming context that holds the base DN,
 *   which syncprov moves on every add, modify, rename and delete in that database (one value per provider).
 * A server that offers neither has no mark (null): every run reads in full.
 */
import { dnKey, isUnderKey } from './dn';

/** The root DSE's attributes the mark needs (as the server gives them, any case). */
export const ROOT_DSE_MARK_ATTRIBUTES = ['highestCommittedUSN', 'dsServiceName', 'namingContexts'] as const;

export interface RootDseMark {
  readonly highestCommittedUSN: readonly string[];
  readonly dsServiceName: readonly string[];
  readonly namingContexts: readonly string[];
}

/** AD's mark from the root DSE alone; null when the server is no AD domain controller. */
export function usnMark(root: RootDseMark): string | null {
  const usn = root.highestCommittedUSN[0]?.trim() ?? '';
  const dsa = root.dsServiceName[0]?.trim() ?? '';
  return /^\d+$/.test(usn) && dsa !== '' ? `usn ${dnKey(dsa)} ${usn}` : null;
}

/** The naming context that holds `baseDn` (the deepest one, should one database sit under another); null when none does. */
export function namingContextOf(baseDn: string, namingContexts: readonly string[]): string | null {
  const baseKey = dnKey(baseDn);
  let best: { dn: string; key: string } | null = null;
  for (const dn of namingContexts) {
    const key = dnKey(dn);
    if (key === '' || !isUnderKey(baseKey, key)) continue;
    if (!best || key.length > best.key.length) best = { dn, key };
  }
  return best?.dn ?? null;
}

/** The mark from a naming context's contextCSN values (order-free: one per provider); null when it has none. */
export function csnMark(namingContext: string, contextCsns: readonly string[]): string | null {
  const csns = contextCsns.map((csn) => csn.trim()).filter((csn) => csn !== '');
  return csns.length > 0 ? `csn ${dnKey(namingContext)} ${[...csns].sort().join(' ')}` : null;
}

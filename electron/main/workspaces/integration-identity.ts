/**
 * Which PSA tenant a workspace imports from. The first working connection
 * records it (non-secret: Autotask's tenant id, ConnectWise's site and
 * company id); on a team workspace, where each administrator connects with
 * their own API user, credentials that reach another tenant are refused, so
 * two tenants' companies never end up mapped in one directory.
 */
import { z } from 'zod';
import type { PsaKind } from '../../../shared/psa/kinds';
import { DomainError } from '../base/domain-error';
import { readSetting, writeSetting } from '../db/repositories/workspace-settings';
import type { Workspace } from '../db/workspace';

const identityKey = (psa: PsaKind) => `integration_identity_${psa}`;

export class IntegrationIdentities {
  constructor(private readonly workspace: Workspace) {}

  /** The tenant this workspace imports from, if one is recorded. */
  recorded(psa: PsaKind): Promise<string | null> {
    return readSetting(this.workspace.read, identityKey(psa), z.string().nullable(), null);
  }

  /**
   * Records the tenant on first use; afterwards, on a team workspace, refuses another one. A local workspace
   * belongs to one technician, who may point it at another tenant (a sandbox, a new account): it follows.
   */
  async check(psa: PsaKind, identity: string | null): Promise<void> {
    if (identity === null) return;
    await this.workspace.transaction(async (tx) => {
      // Two workstations connecting at once: one records, the other compares with that.
      await tx.lockResource(identityKey(psa));
      const recorded = await readSetting(tx, identityKey(psa), z.string().nullable(), null);
      if (recorded === identity) return;
      if (recorded !== null && this.workspace.kind === 'postgres') {
        throw new DomainError('PSA_TENANT_MISMATCH', `These ${psa} credentials reach another tenant than the team workspace imports from.`, { expected: recorded, actual: identity });
      }
      await writeSetting(tx, identityKey(psa), identity);
    });
  }
}

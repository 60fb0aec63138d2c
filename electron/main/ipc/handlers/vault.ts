import type { SecretVault } from '../../vault/secret-vault';
import type { DomainHandlers } from './types';

/** Status only: no channel ever returns a secret. */
export function vaultHandlers(vault: SecretVault): DomainHandlers<'vault'> {
  return { status: () => vault.status() };
}

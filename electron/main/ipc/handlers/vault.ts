import type { Operations } from '../../access/operations';
import type { DomainHandlers } from './types';

/** Status only: no channel ever returns a secret. */
export function vaultHandlers(vault: Operations['vault']): DomainHandlers<'vault'> {
  return { status: (_input, { caller }) => vault.status(caller) };
}

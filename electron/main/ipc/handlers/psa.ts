import type { PsaConnections } from '../../psa/psa-connections';
import { toPsaError } from '../../psa/psa-error';
import type { DomainHandlers } from './types';

export function psaHandlers(connections: PsaConnections): DomainHandlers<'psa'> {
  return {
    connections: async () => Promise.all([connections.status('autotask'), connections.status('connectwise')]),
    test: ({ psa, credentials }) => connections.test(psa, credentials),
    connect: ({ credentials }) => connections.connect(credentials),
    disconnect: ({ psa }) => connections.disconnect(psa),
    filterAttributes: async ({ psa }) => {
      try {
        const connector = await connections.connector(psa);
        return { outcome: 'ok', attributes: await connector.filterAttributes() };
      } catch (error) {
        return { outcome: 'failed', error: toPsaError(error).view() };
      }
    },
  };
}

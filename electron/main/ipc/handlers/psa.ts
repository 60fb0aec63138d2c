import type { CompanyCounts } from '../../psa/company-counts';
import type { PsaConnections } from '../../psa/psa-connections';
import { toPsaError } from '../../psa/psa-error';
import type { DomainHandlers } from './types';

export function psaHandlers(connections: PsaConnections, counts: CompanyCounts): DomainHandlers<'psa'> {
  return {
    connections: async () => Promise.all([connections.status('autotask'), connections.status('connectwise')]),
    storedFields: ({ psa }) => connections.storedFields(psa),
    test: ({ psa, credentials }) => connections.test(psa, credentials),
    connect: ({ credentials }) => connections.connect(credentials),
    disconnect: ({ psa }) => connections.disconnect(psa),
    countCompanies: ({ psa, filter }, { caller }) => counts.count(caller, psa, filter),
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

import type { Operations } from '../../access/operations';
import type { DomainHandlers } from './types';

export function psaHandlers(psa: Operations['psa']): DomainHandlers<'psa'> {
  return {
    connections: (_input, { caller }) => psa.connections(caller),
    storedFields: ({ psa: kind }, { caller }) => psa.storedFields(caller, kind),
    test: ({ psa: kind, credentials }, { caller }) => psa.test(caller, kind, credentials),
    connect: ({ credentials }, { caller }) => psa.connect(caller, credentials),
    disconnect: ({ psa: kind }, { caller }) => psa.disconnect(caller, kind),
    countCompanies: ({ psa: kind, filter }, { caller }) => psa.countCompanies(caller, kind, filter),
    filterAttributes: ({ psa: kind }, { caller }) => psa.filterAttributes(caller, kind),
  };
}

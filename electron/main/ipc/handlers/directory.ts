import type { Operations } from '../../access/operations';
import type { DomainHandlers } from './types';

export function directoryHandlers(directory: Operations['directory']): DomainHandlers<'directory'> {
  return {
    listCompanies: (_input, { caller }) => directory.listCompanies(caller),
    users: ({ managedCompanyId }, { caller }) => directory.users(caller, managedCompanyId),
    createCompany: ({ name }, { caller }) => directory.createCompany(caller, name),
    removeCompany: async ({ id }, { caller }) => {
      await directory.removeCompany(caller, id);
      return null;
    },
  };
}

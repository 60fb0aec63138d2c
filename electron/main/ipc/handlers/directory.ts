import type { DirectoryService } from '../../directory/directory-service';
import { actorOf, type DomainHandlers } from './types';

export function directoryHandlers(directory: DirectoryService): DomainHandlers<'directory'> {
  return {
    listCompanies: () => directory.list(),
    users: ({ managedCompanyId }) => directory.users(managedCompanyId),
    createCompany: ({ name }, context) => directory.create(name, actorOf(context).adminId),
    removeCompany: async ({ id }, context) => {
      await directory.remove(id, actorOf(context).adminId);
      return null;
    },
  };
}

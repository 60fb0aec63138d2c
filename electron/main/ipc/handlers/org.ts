import type { AdministratorsService } from '../../org/administrators-service';
import type { OrgService } from '../../org/org-service';
import type { TechnicianImportService } from '../../org/technician-import-service';
import type { DomainHandlers } from './types';

export function orgHandlers(org: OrgService, administrators: AdministratorsService, technicianImport: TechnicianImportService): DomainHandlers<'org'> {
  return {
    tree: (_input, { caller }) => org.tree(caller),
    createGroup: async (input, { caller }) => ({ id: await org.createGroup(caller, input) }),
    updateGroup: async (input, { caller }) => {
      await org.updateGroup(caller, input);
      return null;
    },
    moveGroup: async (input, { caller }) => {
      await org.moveGroup(caller, input);
      return null;
    },
    deleteGroup: async (input, { caller }) => {
      await org.deleteGroup(caller, input);
      return null;
    },
    technician: ({ id }, { caller }) => org.technician(caller, id),
    createTechnician: async (input, { caller }) => ({ id: await org.createTechnician(caller, input) }),
    updateTechnician: (input, { caller }) => org.updateTechnician(caller, input),
    moveTechnician: async (input, { caller }) => {
      await org.moveTechnician(caller, input);
      return null;
    },
    licenses: (_input, { caller }) => org.licenses(caller),
    setLicenseSeats: (input, { caller }) => org.setLicenseSeats(caller, input),
    settings: (_input, { caller }) => org.settings(caller),
    setSettings: (input, { caller }) => org.setSettings(caller, input),
    administrators: (_input, { caller }) => administrators.list(caller),
    createAdministrator: async (input, { caller }) => ({ id: await administrators.create(caller, input) }),
    updateAdministrator: (input, { caller }) => administrators.update(caller, input),
    checkTechnicianFile: (input, { caller }) => technicianImport.check(caller, input),
    importTechnicians: (input, { caller }) => technicianImport.run(caller, input),
    cancelTechnicianImport: async (_input, { caller }) => ({ cancelled: await technicianImport.cancel(caller) }),
  };
}

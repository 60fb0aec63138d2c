/**
 * Import Technicians: the file is parsed and checked in main, then every valid row is written in one transaction.
 * (Being built: the "import" part of issue 11.)
 */
import type { TechnicianImportRequest, TechnicianImportSummary } from '../../../shared/org/technician-import';
import type { AccessControl } from '../access/access-control';
import type { Caller } from '../base/caller';
import { DomainError } from '../base/domain-error';
import type { OrgService } from './org-service';

export class TechnicianImportService {
  constructor(
    private readonly access: AccessControl,
    private readonly org: OrgService,
  ) {}

  async run(caller: Caller, request: TechnicianImportRequest): Promise<TechnicianImportSummary> {
    await this.access.masterAdministrator(caller);
    void this.org;
    throw new DomainError('TECH_IMPORT_FILE_REFUSED', `Not available yet: ${request.fileName}`, { problem: 'not-csv-or-json', line: '1' });
  }
}

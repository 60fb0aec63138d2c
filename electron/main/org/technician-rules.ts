/**
 * The checks a new or changed technician passes inside the write transaction, shared by the Configuration page
 * (one technician, refused with a DomainError) and the bulk import (one outcome per row, the others go on).
 */
import type { ErrorCode } from '../../../shared/ipc/result';
import { emailKey } from '../db/repositories/administrators';
import { emailInUse } from '../db/repositories/accounts';
import { findTechnicianBySsoId, licensesInUse } from '../db/repositories/technicians';
import type { SqlReader } from '../db/workspace';
import type { TechnicianSeats } from './org-settings';

export interface Refusal {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
}

/** The licenses a transaction has counted, and the seats; each grant takes one and each release frees one. */
export class LicenseLedger {
  private constructor(
    private readonly seats: TechnicianSeats,
    private inUse: { standard: number; mobile: number },
  ) {}

  static async read(db: SqlReader, seats: TechnicianSeats): Promise<LicenseLedger> {
    return new LicenseLedger(seats, await licensesInUse(db));
  }

  /** Takes what `after` holds beyond `before`; refuses, taking nothing, when a kind would run over. */
  take(before: { standardLicense: boolean; mobileLicense: boolean }, after: { standardLicense: boolean; mobileLicense: boolean }): Refusal | null {
    const standard = this.inUse.standard + Number(after.standardLicense) - Number(before.standardLicense);
    const mobile = this.inUse.mobile + Number(after.mobileLicense) - Number(before.mobileLicense);
    if (after.standardLicense && !before.standardLicense && standard > this.seats.standard) return { code: 'LICENSES_EXHAUSTED', fields: { kind: 'standard', seats: String(this.seats.standard) } };
    if (after.mobileLicense && !before.mobileLicense && mobile > this.seats.mobile) return { code: 'LICENSES_EXHAUSTED', fields: { kind: 'mobile', seats: String(this.seats.mobile) } };
    this.inUse = { standard, mobile };
    return null;
  }
}

/** Emails and sign-on IDs taken earlier in the same transaction (an import's earlier rows). */
export class ClaimedIdentities {
  private readonly emails = new Set<string>();
  private readonly ssoIds = new Set<string>();

  async refusal(db: SqlReader, email: string, ssoId: string, exceptId: string | null): Promise<Refusal | null> {
    if (this.emails.has(emailKey(email)) || (await emailInUse(db, email, exceptId))) return { code: 'EMAIL_TAKEN', fields: { email: 'taken' } };
    if (ssoId !== '') {
      const holder = this.ssoIds.has(ssoId) ? { id: null } : await findTechnicianBySsoId(db, ssoId);
      if (holder && holder.id !== exceptId) return { code: 'SSO_ID_TAKEN', fields: { ssoId: 'taken' } };
    }
    return null;
  }

  claim(email: string, ssoId: string): void {
    this.emails.add(emailKey(email));
    if (ssoId !== '') this.ssoIds.add(ssoId);
  }
}

/** A disabled technician keeps the standard license and gives the mobile one back (directory sync relies on it). */
export function withLicenseRule<T extends { enabled: boolean; mobileLicense: boolean }>(fields: T): T {
  return fields.enabled ? fields : { ...fields, mobileLicense: false };
}

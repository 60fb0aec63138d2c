/**
 * The organisation's Global settings (Algemene instellingen): the password policy (the seed's minimum password
 * strength and "Administrator password changes force the user to change the password at next sign-in"),
 * whether administrators see only their assigned groups, and the technician licenses the workspace holds.
 */
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/auth/password-strength';
import { PasswordPolicySchema, type PasswordPolicy } from '../../../shared/ipc/schemas';
import { OrgSettingsSchema, type OrgSettings } from '../../../shared/org/schemas';
import { z } from 'zod';
import { readSetting } from '../db/repositories/workspace-settings';
import type { SqlReader } from '../db/workspace';

export const PASSWORD_POLICY_KEY = 'password_policy';
export const ORG_SETTINGS_KEY = 'org_settings';
export const TECHNICIAN_SEATS_KEY = 'technician_license_seats';

export const DEFAULT_ORG_SETTINGS: OrgSettings = { showGroupsOnlyToAssigned: false };
export const TechnicianSeatsSchema = z.strictObject({ standard: z.number().int().nonnegative(), mobile: z.number().int().nonnegative() });
export type TechnicianSeats = z.infer<typeof TechnicianSeatsSchema>;
/** A new workspace can license its first technicians at once; a Master Administrator sets the real numbers. */
export const DEFAULT_TECHNICIAN_SEATS: TechnicianSeats = { standard: 10, mobile: 5 };

export function readPasswordPolicy(db: SqlReader): Promise<PasswordPolicy> {
  return readSetting(db, PASSWORD_POLICY_KEY, PasswordPolicySchema, DEFAULT_PASSWORD_POLICY);
}

export function readOrgSettings(db: SqlReader): Promise<OrgSettings> {
  return readSetting(db, ORG_SETTINGS_KEY, OrgSettingsSchema, DEFAULT_ORG_SETTINGS);
}

export function readTechnicianSeats(db: SqlReader): Promise<TechnicianSeats> {
  return readSetting(db, TECHNICIAN_SEATS_KEY, TechnicianSeatsSchema, DEFAULT_TECHNICIAN_SEATS);
}

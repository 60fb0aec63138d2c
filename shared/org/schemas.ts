/** The organisation (technician groups, technicians, administrators) as it crosses the IPC boundary. */
import { z } from 'zod';
import { EmailSchema, PasswordSchema, PersonNameSchema } from '../ipc/schemas';
import { RightSchema, RightsSchema } from './rights';

/** Group ids are small whole numbers: what an import file's "Technician group ID" column holds. */
export const GroupIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const GroupNameSchema = z.string().trim().min(1, 'Enter a group name').max(100, 'Group name is too long');
export const NicknameSchema = z.string().trim().max(120, 'Nickname is too long');
export const SsoIdSchema = z.string().trim().max(128, 'Single sign-on ID is too long');
export const DescriptionSchema = z.string().trim().max(1000, 'Description is too long');
export const AccountIdSchema = z.string().min(1).max(100);

export const TechnicianGroupSchema = z.strictObject({
  id: GroupIdSchema,
  name: z.string(),
  parentId: GroupIdSchema.nullable(),
  description: z.string(),
  rights: z.array(RightSchema),
  /** Whether the caller may change this group, its technicians and its subgroups. */
  manageable: z.boolean(),
});
export type TechnicianGroup = z.infer<typeof TechnicianGroupSchema>;

export const TechnicianSummarySchema = z.strictObject({
  id: z.string(),
  groupId: GroupIdSchema,
  name: z.string(),
  email: z.string(),
  enabled: z.boolean(),
  standardLicense: z.boolean(),
  mobileLicense: z.boolean(),
});
export type TechnicianSummary = z.infer<typeof TechnicianSummarySchema>;

export const OrgTreeSchema = z.strictObject({
  groups: z.array(TechnicianGroupSchema),
  technicians: z.array(TechnicianSummarySchema),
  /** Only Master Administrators create groups at the top of the tree. */
  canCreateTopLevel: z.boolean(),
});
export type OrgTree = z.infer<typeof OrgTreeSchema>;

/** The Organization tab's Configuration page: the seed's options, in its order. */
export const TechnicianFieldsSchema = z.strictObject({
  name: PersonNameSchema,
  nickname: NicknameSchema,
  email: EmailSchema,
  ssoId: SsoIdSchema,
  description: DescriptionSchema,
  enabled: z.boolean(),
  standardLicense: z.boolean(),
  mobileLicense: z.boolean(),
});
export type TechnicianFields = z.infer<typeof TechnicianFieldsSchema>;

export const NewTechnicianSchema = TechnicianFieldsSchema.extend({ groupId: GroupIdSchema, password: PasswordSchema });
export type NewTechnician = z.infer<typeof NewTechnicianSchema>;

/** `newPassword` null keeps the password. */
export const TechnicianChangesSchema = TechnicianFieldsSchema.extend({ id: AccountIdSchema, newPassword: PasswordSchema.nullable() });
export type TechnicianChanges = z.infer<typeof TechnicianChangesSchema>;

export const TechnicianDetailSchema = TechnicianFieldsSchema.extend({
  id: z.string(),
  groupId: GroupIdSchema,
  /** Inherited from the group: what this technician may do in MSP Roster. */
  effectiveRights: z.array(RightSchema),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSignInAt: z.string().nullable(),
  manageable: z.boolean(),
});
export type TechnicianDetail = z.infer<typeof TechnicianDetailSchema>;

export const AdministratorSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['master_admin', 'admin']),
  enabled: z.boolean(),
  /** The technician groups an Administrator manages (with their subgroups); empty for Master Administrators, who manage all. */
  groupIds: z.array(GroupIdSchema),
  lastSignInAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type Administrator = z.infer<typeof AdministratorSchema>;

export const NewAdministratorSchema = z.strictObject({
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  role: z.enum(['master_admin', 'admin']),
  groupIds: z.array(GroupIdSchema).max(10_000),
});
export type NewAdministratorInput = z.infer<typeof NewAdministratorSchema>;

export const AdministratorChangesSchema = z.strictObject({
  id: AccountIdSchema,
  role: z.enum(['master_admin', 'admin']),
  enabled: z.boolean(),
  groupIds: z.array(GroupIdSchema).max(10_000),
});
export type AdministratorChanges = z.infer<typeof AdministratorChangesSchema>;

const PoolSchema = z.strictObject({ seats: z.number().int().nonnegative(), inUse: z.number().int().nonnegative() });
/** Technician licenses: separate from the managed-user seats of the PSA import. */
export const TechnicianLicensesSchema = z.strictObject({ standard: PoolSchema, mobile: PoolSchema });
export type TechnicianLicenses = z.infer<typeof TechnicianLicensesSchema>;
export const LicenseSeatsInputSchema = z.strictObject({
  standard: z.number().int().min(0).max(1_000_000),
  mobile: z.number().int().min(0).max(1_000_000),
});

/** Global settings (Algemene instellingen) of the organisation. */
export const OrgSettingsSchema = z.strictObject({
  /** "Show technician groups only to assigned administrators". */
  showGroupsOnlyToAssigned: z.boolean(),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

export { RightsSchema };

/** The planner's input and output (plan-sync.ts), apart so the runner, the applier and the tests share them. */
import type { SyncCounts, SyncPair, SyncProblem } from '../../../shared/directory-sync/schemas';
import type { SyncedTechnician } from '../db/repositories/directory-sync';
import type { DirectoryUser } from './directory-reader';

export type DirectoryGroupId = number;
export type DisableReason = 'disabled-in-directory' | 'removed-from-group' | 'deleted';

export interface PlanInput {
  readonly pairs: readonly SyncPair[];
  /** Each source group's users (nested groups followed), by the source DN as configured. */
  readonly members: ReadonlyMap<string, readonly DirectoryUser[]>;
  /** The stable ids of every user under the base DN (tells "deleted" from "removed from the group"); null when unknown. */
  readonly existingUserIds: ReadonlySet<string> | null;
  readonly technicians: readonly SyncedTechnician[];
  /** Email keys (lower-case) of every administrator: a technician may not take one. */
  readonly administratorEmails: ReadonlySet<string>;
  readonly seats: { readonly standard: number; readonly mobile: number };
  readonly licensesInUse: { readonly standard: number; readonly mobile: number };
  readonly newTechnicianLicenses: { readonly standard: boolean; readonly mobile: boolean };
}

/** A technician's synced fields after the change. */
export interface TechnicianAfter {
  readonly name: string;
  readonly email: string;
  readonly enabled: boolean;
  readonly mobileLicense: boolean;
  readonly groupId: number;
  readonly directoryId: string;
  readonly directoryGroupId: number | null;
}

export interface PlannedChange {
  readonly action: 'create' | 'update' | 'disable' | 'enable' | 'move' | 'link';
  /** The technician as it is (null for create). */
  readonly technician: SyncedTechnician | null;
  /** The directory user (null when the user left every source group or is gone). */
  readonly user: DirectoryUser | null;
  readonly after: TechnicianAfter;
  /** Create: whether a standard license was free for it; otherwise the technician's as it is. */
  readonly standardLicense: boolean;
  readonly reason: DisableReason | null;
}

export interface SyncPlan {
  readonly changes: readonly PlannedChange[];
  readonly problems: readonly SyncProblem[];
  readonly counts: SyncCounts;
}

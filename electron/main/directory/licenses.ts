/**
 * The workspace's license pool: granting a user access takes a seat (the
 * import counts them, see apply-import). Settings may change the number of
 * seats, never to fewer than are in use, nor below zero.
 */
import { DomainError } from '../base/domain-error';
import { RESOURCES } from '../base/resources';
import * as directory from '../db/repositories/directory';
import { readSetting, writeSetting } from '../db/repositories/workspace-settings';
import type { SqlReader, Workspace } from '../db/workspace';
import { DEFAULT_LICENSE_SEATS, LICENSE_SEATS_KEY, LicenseSeatsSchema } from '../import/apply-import';

export interface Licenses {
  readonly seats: number;
  readonly inUse: number;
}

export async function readLicenses(db: SqlReader): Promise<Licenses> {
  return { seats: await readSetting(db, LICENSE_SEATS_KEY, LicenseSeatsSchema, DEFAULT_LICENSE_SEATS), inUse: await directory.licensesInUse(db) };
}

/**
 * Sets the number of seats. Refused with SEATS_NEGATIVE below zero and with SEATS_BELOW_IN_USE below the
 * number of users who have access now (checked in the same transaction as the write, so an import granting
 * seats meanwhile cannot slip under it).
 */
export function setLicenseSeats(workspace: Workspace, seats: number): Promise<Licenses> {
  if (!Number.isInteger(seats) || seats < 0) return Promise.reject(new DomainError('SEATS_NEGATIVE', 'The number of licenses cannot be negative.', { seats: 'negative' }));
  return workspace.transaction(async (tx) => {
    await tx.lockResource(RESOURCES.licensePool);
    const inUse = await directory.licensesInUse(tx);
    if (seats < inUse) throw new DomainError('SEATS_BELOW_IN_USE', `${inUse} licenses are in use; the number of seats cannot be lower.`, { inUse: String(inUse) });
    await writeSetting(tx, LICENSE_SEATS_KEY, seats);
    return { seats, inUse };
  });
}

/** The license pool as a service (settings reads and changes it). */
export class LicensePool {
  constructor(private readonly workspace: Workspace) {}

  read(): Promise<Licenses> {
    return readLicenses(this.workspace.read);
  }

  setSeats(seats: number): Promise<Licenses> {
    return setLicenseSeats(this.workspace, seats);
  }
}

import { randomUUID } from 'node:crypto';

/** A new random id for a row, a session or a job (UUID v4): unique across workstations of one team workspace. */
export function newId(): string {
  return randomUUID();
}

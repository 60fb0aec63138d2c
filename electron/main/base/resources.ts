/**
 * Names of the shared things a transaction reads, decides on and then writes:
 * it takes `tx.lockResource(name)` first, so on a team workspace two
 * workstations never decide on the same reading (see db/workspace.ts).
 */
export const RESOURCES = {
  /** The schema while a migration step runs. */
  schema: 'schema',
  /** The first Master Administrator, and email addresses that must stay unique. */
  administrators: 'administrators',
  /** Seats: counted, then granted. */
  licensePool: 'license-pool',
  integrationLock: (integration: string) => `integration-lock:${integration}`,
} as const;

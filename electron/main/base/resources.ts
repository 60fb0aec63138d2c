/**
 * Names of the shared things a transaction reads, decides on and then writes:
 * it takes `tx.lockResource(name)` first, so on a team workspace two
 * workstations never decide on the same reading (see db/workspace.ts).
 */
export const RESOURCES = {
  /** The schema while a migration step runs. */
  schema: 'schema',
  /**
   * Who signs in: the first Master Administrator, the last enabled one, and email addresses (and single sign-on
   * IDs) that must stay unique across administrators and technicians.
   */
  accounts: 'accounts',
  /** The technician groups' tree: nesting (no cycles), names unique per parent, deleting only empty groups. */
  orgTree: 'org-tree',
  /** Technician licenses: counted, then assigned. */
  technicianLicenses: 'technician-licenses',
  /** Seats: counted, then granted. */
  licensePool: 'license-pool',
  integrationLock: (integration: string) => `integration-lock:${integration}`,
} as const;

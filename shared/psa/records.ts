/** Companies and contacts as fetched from either PSA, in one neutral shape for reconciliation. */

export interface PsaCompanyRecord {
  /** The PSA's id, as a string so both PSAs' ids share one key type. */
  readonly psaId: string;
  readonly name: string;
  /** The PSA's label for the company's type (Autotask companyType, ConnectWise types). */
  readonly typeLabel: string | null;
  /** Active in the PSA (Autotask isActive; ConnectWise status not flagged inactive). */
  readonly active: boolean;
  readonly lastModifiedAt: string | null;
}

export interface PsaContactRecord {
  readonly psaId: string;
  readonly companyPsaId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly active: boolean;
}

export interface PsaFetchResult {
  readonly companies: readonly PsaCompanyRecord[];
  readonly contacts: readonly PsaContactRecord[];
  /**
   * Contacts per PSA company id, counted as the pages arrived (a count may include contacts of companies the
   * fetch did not return). Spares the wait when the download ends a pass over every contact.
   */
  readonly contactsPerCompany?: ReadonlyMap<string, number>;
}

export type FetchPhase = 'companies' | 'contacts';

export interface FetchProgress {
  readonly phase: FetchPhase;
  readonly done: number;
  /** From the PSA's count endpoint; null until known. */
  readonly total: number | null;
}

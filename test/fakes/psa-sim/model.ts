/**
 * The PSA simulator's tenant: one neutral data set that both API faces
 * (Autotask REST v1.0 and ConnectWise PSA REST 3.0) present in their own
 * shapes. See ../../../../shared/reference/psa-apis.md for the real APIs.
 */

/** Autotask's fixed company types; ConnectWise maps them to its tenant-defined types. */
export const COMPANY_KINDS = ['customer', 'lead', 'prospect', 'dead', 'cancellation', 'vendor', 'partner'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

export interface SimCompany {
  /** One id space for both faces (Autotask `id`, ConnectWise `id`), ascending in creation order. */
  readonly id: number;
  name: string;
  /** ConnectWise `identifier`: unique, ≤ 30 characters. */
  identifier: string;
  kind: CompanyKind;
  /** Autotask isActive; ConnectWise status "Active" / "Inactive". */
  active: boolean;
  /** Soft-deleted or merged away: ConnectWise `deletedFlag`; Autotask never returns it. */
  deleted: boolean;
  /** Autotask classification picklist value, or null. */
  classificationId: number | null;
  /** Territory (Autotask territoryID picklist; ConnectWise territory reference). */
  territoryId: number | null;
  /** Autotask marketSegmentID; ConnectWise market reference. */
  marketSegmentId: number | null;
  phone: string;
  city: string;
  createdAt: string;
  lastModifiedAt: string;
  /**
   * The MSP's own organisation: Autotask company id 0, on every real tenant
   * (psa-apis.md A.6). ConnectWise has no reserved id; its face leaves it out.
   */
  readonly ownOrganisation?: true;
}

export interface SimContact {
  readonly id: number;
  companyId: number;
  firstName: string;
  lastName: string;
  /** Primary email; null or "" for contacts without one (real tenants have both). */
  email: string | null;
  active: boolean;
  primary: boolean;
  title: string;
  lastModifiedAt: string;
}

export interface SimPicklistEntry {
  readonly id: number;
  readonly name: string;
  readonly active: boolean;
}

export interface SimPicklists {
  readonly classifications: readonly SimPicklistEntry[];
  readonly territories: readonly SimPicklistEntry[];
  readonly marketSegments: readonly SimPicklistEntry[];
}

export interface SimDataset {
  /** Sorted by id. */
  readonly companies: SimCompany[];
  /** Sorted by id. */
  readonly contacts: SimContact[];
  readonly picklists: SimPicklists;
  /** Next free id (companies and contacts share one counter). */
  nextId: number;
  /** Bumped by every mutation helper in dataset.ts, so faces can cache wire shapes; change data only through them. */
  revision?: number;
}

/** Credentials the simulator accepts. Anything else fails the way the real APIs fail. */
export interface SimCredentials {
  readonly autotask: { readonly username: string; readonly secret: string; readonly integrationCode: string };
  readonly connectwise: { readonly companyId: string; readonly publicKey: string; readonly privateKey: string; readonly clientId: string };
}

export type SimApi = 'autotask' | 'connectwise';

/** One fault, applied to matching requests. */
export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504; readonly retryAfterSeconds?: number; readonly body?: string }
  /** Autotask's thread-limit rejection ("Thread Threshold Exceeded", Itgenatr005). */
  | { readonly kind: 'thread-limit' }
  /** A 200 with an HTML body (a proxy or login page). */
  | { readonly kind: 'html' }
  /** A 200 whose JSON body is cut off half way. */
  | { readonly kind: 'truncated-json' }
  /** The connection is reset after the headers (or before any byte). */
  | { readonly kind: 'reset' }
  /** The credentials stop working after `afterCalls` more authenticated calls (401 from then on). */
  | { readonly kind: 'expire-credentials'; readonly afterCalls: number }
  /**
   * An error whose body repeats the request's credential headers (Authorization,
   * Secret, …) raw, JSON-escaped and URL-encoded, as real servers' debug and
   * gateway pages do. `lead`: filler characters before the echo, to place a
   * secret where a client cuts its quote.
   */
  | { readonly kind: 'echo-credentials'; readonly status: 400 | 401 | 403 | 500; readonly lead?: number };

export interface FaultRule {
  readonly api: SimApi | 'any';
  /** Case-insensitive substring of the request path (without query string); omitted = every path. */
  readonly pathIncludes?: string;
  /** A regular expression the request path (without query string) must match, case-insensitively: tells `…/companies` from `…/companies/count`. */
  readonly pathPattern?: string;
  readonly method?: string;
  /** Let this many matching requests through first. */
  readonly skip?: number;
  /** Apply to this many matching requests, then stop; omitted = forever. */
  readonly times?: number;
  readonly fault: Fault;
}

export interface RequestRecord {
  readonly api: SimApi;
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly status: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Codebase discovery (psa-apis.md B.1): `GET /login/companyinfo/{companyId}`,
 * without authentication, answers PascalCase keys; an unknown company is a 200 with `null`.
 */
import type { SimResponse } from '../face';
import type { SimCredentials } from '../model';
import type { JsonObject } from './json';

/** With the trailing slash, as the real `Codebase` value has it. */
export const CODEBASE = 'v2025_1/';
/** The long-standing generic codebase many clients hard-code; it works everywhere. */
export const GENERIC_CODEBASE = 'v4_6_release/';
export const VERSION_CODE = 'v2025.1';
export const VERSION_NUMBER = 'v4.6.12345';

export function answerCompanyInfo(companyId: string, credentials: SimCredentials['connectwise']): SimResponse {
  // Login company ids are case-insensitive [inf]; the answer spells it the way the tenant does.
  if (companyId.toLowerCase() !== credentials.companyId.toLowerCase()) return { status: 200, body: null };
  return {
    status: 200,
    body: {
      CompanyName: credentials.companyId,
      Codebase: CODEBASE,
      VersionCode: VERSION_CODE,
      VersionNumber: VERSION_NUMBER,
      CompanyID: credentials.companyId,
      IsCloud: true,
    },
  };
}

/**
 * `GET /system/info` (authenticated): the server's version and setup, which
 * clients read as a connection check. Fields as in the spec's `Info` model
 * (version, isCloud, serverTimeZone, licenseBits, cloudRegion) [src: generated
 * clients; not in psa-apis.md]; the values are the simulated tenant's.
 */
export function systemInfo(): JsonObject {
  return {
    version: `${VERSION_CODE}.12345`,
    isCloud: true,
    serverTimeZone: 'W. Europe Standard Time',
    licenseBits: [{ name: 'PSA', activeFlag: true }],
    cloudRegion: 'EU',
  };
}

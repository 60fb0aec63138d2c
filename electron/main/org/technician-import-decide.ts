/**
 * Every row's outcome in a technician import, against the workspace as it is: already present, emails and sign-on
 * IDs taken (by the workspace or an earlier row), groups, weak passwords, licenses.
 */
import type { RowProblem, TechnicianFileHeader } from '../../../shared/org/technician-import';
import { administratorEmailKeys, emailKey } from '../db/repositories/administrators';
import { listGroups } from '../db/repositories/technician-groups';
import * as techniciansDb from '../db/repositories/technicians';
import type { SqlReader } from '../db/workspace';
import type { RowReading } from './technician-file';
import { LicenseLedger, withLicenseRule } from './technician-rules';
import { readTechnicianSeats } from './org-settings';

export interface Decision {
  readonly outcome: 'created' | 'present' | 'failed';
  readonly problem: RowProblem | null;
  readonly column: TechnicianFileHeader | null;
}

const CREATED: Decision = { outcome: 'created', problem: null, column: null };
const PRESENT: Decision = { outcome: 'present', problem: null, column: null };
export const failed = (problem: RowProblem, column: TechnicianFileHeader | null): Decision => ({ outcome: 'failed', problem, column });

export interface DecideOptions {
  /** Lines whose password is below the policy. */
  readonly weak: ReadonlySet<number>;
  /** Lines with a hashed password (the transaction's pass): only those can be created. Null before hashing. */
  readonly hashed: ReadonlySet<number> | null;
  readonly licenses: boolean;
  /** The first pass's decisions: a row it did not mean to write keeps its outcome from then. */
  readonly fallback?: readonly Decision[];
}

/**
 * Every row's outcome, in file order (earlier rows claim emails, sign-on IDs and licenses first). A few queries
 * for the whole file, not a few per row: on a team workspace each is a round trip.
 */
export async function decide(db: SqlReader, rows: readonly RowReading[], target: number | null, options: DecideOptions): Promise<Decision[]> {
  const emails = rows.flatMap((row) => (row.candidate ? [row.candidate.email] : []));
  const groups = new Set((await listGroups(db)).map((group) => group.id));
  const technicians = new Set((await techniciansDb.findTechniciansByEmails(db, emails)).map((technician) => emailKey(technician.email)));
  const administrators = await administratorEmailKeys(db, emails);
  const ssoTaken = await techniciansDb.takenSsoIds(
    db,
    rows.flatMap((row) => (row.candidate?.ssoId ? [row.candidate.ssoId] : [])),
  );
  const ledger = options.licenses ? await LicenseLedger.read(db, await readTechnicianSeats(db)) : null;
  const seenEmails = new Set<string>();
  const seenSsoIds = new Set<string>();
  return rows.map((row, index) => {
    const candidate = row.candidate;
    if (!candidate || row.problem) return failed(row.problem ?? 'value-type', row.column);
    const key = emailKey(candidate.email);
    if (technicians.has(key)) return PRESENT;
    if (seenEmails.has(key)) return failed('email-repeated', 'Email');
    seenEmails.add(key);
    if (administrators.has(key)) return failed('email-taken', 'Email');
    const groupId = target ?? candidate.groupId;
    if (groupId === null || !groups.has(groupId)) return failed('group-not-found', 'Technician group ID');
    if (options.weak.has(row.line)) return failed('password-weak', 'Password');
    if (candidate.ssoId !== '') {
      if (ssoTaken.has(candidate.ssoId) || seenSsoIds.has(candidate.ssoId)) return failed('sso-id-taken', 'Single sign-on ID');
      seenSsoIds.add(candidate.ssoId);
    }
    if (options.hashed && !options.hashed.has(row.line)) return options.fallback?.[index] ?? failed('value-type', null);
    if (ledger) {
      const short = ledger.take({ standardLicense: false, mobileLicense: false }, withLicenseRule(candidate));
      if (short) return short.fields?.['kind'] === 'mobile' ? failed('mobile-licenses-exhausted', 'Mobile license') : failed('standard-licenses-exhausted', 'Standard license');
    }
    return CREATED;
  });
}

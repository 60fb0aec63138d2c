/** The technician file's header and row checks, the same for CSV and JSON (technician-file.ts reads the file). */
import { EmailSchema } from '../../../shared/ipc/schemas';
import { FALSE_WORDS, TECHNICIAN_FILE_HEADERS, TRUE_WORDS, type FileProblem, type RowProblem, type TechnicianFileHeader } from '../../../shared/org/technician-import';
import type { FileReading, FileRefusal, ReadOptions, RowReading } from './technician-file';

const LIMITS: Partial<Record<TechnicianFileHeader, number>> = {
  Name: 120,
  Nickname: 120,
  Email: 254,
  'Single sign-on ID': 128,
  Description: 1000,
  Password: 1024,
};

export function refused(problem: FileProblem, line: number | null, header?: string): FileReading {
  return { ok: false, refusal: header === undefined ? { problem, line } : { problem, line, header } };
}

// ── Headers ─────────────────────────────────────────────────────────────────

export function sameHeader(cell: string | undefined, header: string): boolean {
  return cell !== undefined && cell.trim().toLowerCase() === header.toLowerCase();
}

/** Every header present and in its original order (a CSV's header line, a JSON item's keys): names the first one that is missing or out of place. */
export function headerListRefusal(names: readonly string[], line: number): FileRefusal | null {
  for (const [index, header] of TECHNICIAN_FILE_HEADERS.entries()) {
    if (sameHeader(names[index], header)) continue;
    const elsewhere = names.some((name) => sameHeader(name, header));
    return { problem: elsewhere ? 'headers-order' : 'headers-missing', line, header };
  }
  const extra = names.slice(TECHNICIAN_FILE_HEADERS.length).find((name) => name.trim() !== '');
  if (extra !== undefined) return { problem: 'headers-unknown', line, header: extra.trim().slice(0, 100) };
  return null;
}

// ── One row ─────────────────────────────────────────────────────────────────

class RowFailure {
  constructor(
    readonly problem: RowProblem,
    readonly column: TechnicianFileHeader | null,
  ) {}
}

function text(values: ReadonlyMap<TechnicianFileHeader, unknown>, header: TechnicianFileHeader, options: { trim: boolean } = { trim: true }): string {
  const value = values.get(header);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new RowFailure('value-type', header);
  const result = options.trim ? value.trim() : value;
  const limit = LIMITS[header];
  if (limit !== undefined && result.length > limit) throw new RowFailure('field-too-long', header);
  return result;
}

const BOOLEAN_PROBLEMS = { Enabled: 'enabled-invalid', 'Standard license': 'standard-license-invalid', 'Mobile license': 'mobile-license-invalid' } as const;

function flag(values: ReadonlyMap<TechnicianFileHeader, unknown>, header: keyof typeof BOOLEAN_PROBLEMS): boolean {
  const value = values.get(header);
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if ((TRUE_WORDS as readonly string[]).includes(word)) return true;
    if ((FALSE_WORDS as readonly string[]).includes(word)) return false;
  }
  throw new RowFailure(BOOLEAN_PROBLEMS[header], header);
}

function groupIdOf(values: ReadonlyMap<TechnicianFileHeader, unknown>, options: ReadOptions): number | null {
  if (options.targetGroupChosen) return null;
  const value = values.get('Technician group ID');
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : undefined;
  if (raw === undefined) throw new RowFailure('value-type', 'Technician group ID');
  if (raw === '') throw new RowFailure('group-id-missing', 'Technician group ID');
  if (!/^[0-9]{1,15}$/.test(raw) || Number(raw) < 1) throw new RowFailure('group-id-invalid', 'Technician group ID');
  return Number(raw);
}

export function checkRow(values: ReadonlyMap<TechnicianFileHeader, unknown>, line: number, options: ReadOptions): RowReading {
  const shown = (header: TechnicianFileHeader) => {
    const value = values.get(header);
    return typeof value === 'string' ? value.trim().slice(0, 254) : '';
  };
  const name = shown('Name');
  const email = shown('Email');
  let groupId: number | null = null;
  try {
    const candidateName = text(values, 'Name');
    if (candidateName === '') throw new RowFailure('name-missing', 'Name');
    const nickname = text(values, 'Nickname');
    const candidateEmail = text(values, 'Email');
    if (candidateEmail === '') throw new RowFailure('email-missing', 'Email');
    if (!EmailSchema.safeParse(candidateEmail).success) throw new RowFailure('email-invalid', 'Email');
    const ssoId = text(values, 'Single sign-on ID');
    const description = text(values, 'Description');
    // Passwords are never trimmed: what the file holds is what is hashed.
    const password = text(values, 'Password', { trim: false });
    if (password === '') throw new RowFailure('password-missing', 'Password');
    const enabled = flag(values, 'Enabled');
    const standardLicense = flag(values, 'Standard license');
    const mobileLicense = flag(values, 'Mobile license');
    groupId = groupIdOf(values, options);
    const candidate = { name: candidateName, nickname, email: candidateEmail, ssoId, description, password, enabled, standardLicense, mobileLicense, groupId };
    return { line, name, email, groupId, candidate, problem: null, column: null };
  } catch (error) {
    if (!(error instanceof RowFailure)) throw error;
    return { line, name, email, groupId, candidate: null, problem: error.problem, column: error.column };
  }
}

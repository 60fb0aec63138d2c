/** What the technician import asks of its worker (technician-import-worker.ts), and the same work on the main thread. */
import { evaluatePassword } from '../../../shared/auth/password-strength';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import { readTechnicianFileBase64, type FileReading, type ReadOptions } from './technician-file';

export type ImportJob =
  | { readonly kind: 'read'; readonly contentBase64: string; readonly options: ReadOptions }
  /** Whether each password meets the policy; `inputs` are the row's name and email (passwords built from them score low). */
  | { readonly kind: 'strength'; readonly policy: PasswordPolicy; readonly passwords: readonly { readonly password: string; readonly inputs: readonly string[] }[] };

export type ImportJobOutput<J extends ImportJob> = J extends { kind: 'read' } ? FileReading : readonly boolean[];

export type ImportReply =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'answer'; readonly id: number; readonly ok: false; readonly detail: string };

export function runImportJob(job: ImportJob): FileReading | readonly boolean[] {
  if (job.kind === 'read') return readTechnicianFileBase64(job.contentBase64, job.options);
  return job.passwords.map(({ password, inputs }) => evaluatePassword(password, job.policy, inputs).meetsPolicy);
}

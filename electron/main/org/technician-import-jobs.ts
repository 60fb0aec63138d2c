/** What the technician import asks of its worker (technician-import-worker.ts), and the same work on the main thread. */
import { evaluatePassword } from '../../../shared/auth/password-strength';
import type { CsvDelimiter } from '../../../shared/org/technician-import';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import { readTechnicianFileBase64, type FileReading } from './technician-file';

/**
 * The file read both ways *Start import* may need it: with a target group chosen (the file's group IDs ignored) and
 * without (every row's group ID checked). Reading is quick; the target group may be chosen after the upload.
 */
export interface FileReadings {
  readonly withTarget: FileReading;
  readonly withoutTarget: FileReading;
}

export type ImportJob =
  | { readonly kind: 'read'; readonly contentBase64: string; readonly fileName: string; readonly delimiter: CsvDelimiter }
  /** Whether each password meets the policy; `inputs` are the row's name and email (passwords built from them score low). */
  | { readonly kind: 'strength'; readonly policy: PasswordPolicy; readonly passwords: readonly { readonly password: string; readonly inputs: readonly string[] }[] };

export type ImportJobOutput<J extends ImportJob> = J extends { kind: 'read' } ? FileReadings : readonly boolean[];

export type ImportReply =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'answer'; readonly id: number; readonly ok: false; readonly detail: string };

export function runImportJob(job: ImportJob): FileReadings | readonly boolean[] {
  if (job.kind === 'read') {
    const read = (targetGroupChosen: boolean) => readTechnicianFileBase64(job.contentBase64, { fileName: job.fileName, delimiter: job.delimiter, targetGroupChosen });
    const withoutTarget = read(false);
    // A refusal is the file's, whatever the target: no second read.
    return { withoutTarget, withTarget: withoutTarget.ok ? read(true) : withoutTarget };
  }
  return job.passwords.map(({ password, inputs }) => evaluatePassword(password, job.policy, inputs).meetsPolicy);
}

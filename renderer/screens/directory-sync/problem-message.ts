/**
 * Messages for what the directory sync reports by code: a run's failure (an ErrorCode, with the names its message
 * takes), a problem with one user (SyncProblemCode), and a log entry of either kind.
 */
import type { TFunction } from 'i18next';
import { SYNC_ACTIONS, SYNC_PROBLEMS, type SyncAction, type SyncLogEntry, type SyncProblemCode, type SyncRun } from '../../../shared/directory-sync/schemas';
import { isErrorCode } from '../../../shared/ipc/result';

/** A failed run's message, with the names the core gave it (the host, the DN, the referral's URL, who holds the lock). */
export function failureMessage(t: TFunction, failure: { readonly code: string; readonly detail: string; readonly fields: Readonly<Record<string, string>> }): string {
  const code = isErrorCode(failure.code) ? failure.code : 'INTERNAL';
  return t(`errors.${code}`, { detail: failure.detail, ...failure.fields });
}

export function problemMessage(t: TFunction, code: string, detail: string): string {
  if (!(SYNC_PROBLEMS as readonly string[]).includes(code)) return detail;
  // The license kind is named in the reader's language.
  const shown = code === 'license-exhausted' && (detail === 'standard' || detail === 'mobile') ? t(`org.licenseKinds.${detail}`) : detail;
  return t(`directorySync.problems.${code as SyncProblemCode}`, { detail: shown });
}

export function actionLabel(t: TFunction, code: string): string {
  return (SYNC_ACTIONS as readonly string[]).includes(code) ? t(`directorySync.run.actions.${code as SyncAction}`) : code;
}

/** A log line's "what": the action taken, the problem, or the failure (with its run's names), in words. */
export function entryText(t: TFunction, entry: SyncLogEntry, runFailure: SyncRun['failure']): string {
  if (entry.kind === 'change') return actionLabel(t, entry.code);
  if (entry.kind === 'problem') return problemMessage(t, entry.code, entry.detail);
  return failureMessage(t, { code: entry.code, detail: entry.detail, fields: runFailure?.code === entry.code ? runFailure.fields : {} });
}

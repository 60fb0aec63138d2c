/**
 * Messages for what the directory sync reports by code: a run's failure (an ErrorCode, with only its detail to
 * interpolate), a problem with one user (SyncProblemCode), and a log entry of either kind.
 */
import type { TFunction } from 'i18next';
import { SYNC_ACTIONS, SYNC_PROBLEMS, type SyncAction, type SyncLogEntry, type SyncProblemCode } from '../../../shared/directory-sync/schemas';
import { isErrorCode } from '../../../shared/ipc/result';

/**
 * A failed run's message. The log keeps one detail, not the error's named fields: it stands in for whichever one the
 * message names (the host, the DN, the referral's URL, who holds the lock), so the sentence is whole.
 */
export function failureMessage(t: TFunction, failure: { readonly code: string; readonly detail: string }): string {
  const code = isErrorCode(failure.code) ? failure.code : 'INTERNAL';
  const detail = failure.detail;
  return t(`errors.${code}`, { detail, host: detail, dn: detail, url: detail, by: detail });
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

/** A log line's "what": the action taken, the problem, or the failure, in words. */
export function entryText(t: TFunction, entry: SyncLogEntry): string {
  if (entry.kind === 'change') return actionLabel(t, entry.code);
  if (entry.kind === 'problem') return problemMessage(t, entry.code, entry.detail);
  return failureMessage(t, { code: entry.code, detail: entry.detail });
}

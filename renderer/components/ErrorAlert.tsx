import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/ipc/result';
import type { PasswordPolicy } from '../../shared/ipc/schemas';
import { PREVIEW_PROBLEMS, previewProblemKey, type PreviewProblem } from '../../shared/preview/preview-document';
import { TECHNICIAN_RIGHTS, type Right } from '../../shared/org/rights';

interface ErrorAlertProps {
  readonly code: ErrorCode | null;
  readonly policy?: PasswordPolicy | null;
  /** The error's fields (the core's `fields`): values its message names, e.g. a right, a license kind, a number of seats. */
  readonly fields?: Readonly<Record<string, string>> | null;
}

/**
 * The values a message interpolates, readable: a right by its label, a license kind by its name, numbers as numbers
 * (formatted for the language by the message's `number` format). Other fields pass as they are.
 */
export function messageValues(t: TFunction, fields: Readonly<Record<string, string>> | null | undefined): Record<string, string | number> {
  const values: Record<string, string | number> = { ...fields };
  const right = fields?.['right'];
  if (right && (TECHNICIAN_RIGHTS as readonly string[]).includes(right)) values['right'] = rightLabel(t, right as Right);
  const kind = fields?.['kind'];
  if (kind === 'standard' || kind === 'mobile') values['kind'] = t(`org.licenseKinds.${kind}`);
  for (const name of ['seats', 'inUse'] as const) {
    const value = fields?.[name];
    if (value !== undefined && /^\d+$/.test(value)) values[name] = Number(value);
  }
  return values;
}

/** A technician right's label ("Import from Autotask"); its key has no colon, which i18next reads as a namespace. */
export function rightLabel(t: TFunction, right: Right): string {
  return t(`org.rights.${right.replace(':', '_')}`);
}

/** The translated message for a core error code, with its fields' values readable. */
export function errorMessage(t: TFunction, code: ErrorCode, fields?: Readonly<Record<string, string>> | null): string {
  // A refused preview file says why, and what to do about it.
  const problem = fields?.['problem'];
  if (code === 'PREVIEW_FILE_REFUSED' && problem && (PREVIEW_PROBLEMS as readonly string[]).includes(problem)) return t(previewProblemKey(problem as PreviewProblem), messageValues(t, fields));
  if (code === 'PREVIEW_OTHER_INTEGRATION' && fields?.['psa']) return t(`errors.${code}`, { ...messageValues(t, fields), psa: t(`psa.${fields['psa']}`) });
  return t(`errors.${code}`, messageValues(t, fields));
}

/** The translated message for a core error code; for a refused password, also what the policy asks. */
export function ErrorAlert({ code, policy, fields }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <div className="alert" role="alert">
      <p>{errorMessage(t, code, fields)}</p>
      {code === 'WEAK_PASSWORD' && policy ? (
        <p>{t('strength.policy', { minLength: policy.minLength, minLabel: t(`strength.score${policy.minScore}`) })}</p>
      ) : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/ipc/result';
import type { PasswordPolicy } from '../../shared/ipc/schemas';

interface ErrorAlertProps {
  readonly code: ErrorCode | null;
  readonly policy?: PasswordPolicy | null;
}

/** The translated message for a core error code; for a refused password, also what the policy asks. */
export function ErrorAlert({ code, policy }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <div className="alert" role="alert">
      <p>{t(`errors.${code}`)}</p>
      {code === 'WEAK_PASSWORD' && policy ? (
        <p>{t('strength.policy', { minLength: policy.minLength, minLabel: t(`strength.score${policy.minScore}`) })}</p>
      ) : null}
    </div>
  );
}

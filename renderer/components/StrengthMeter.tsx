import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluatePassword } from '../../shared/auth/password-strength';
import type { PasswordPolicy } from '../../shared/ipc/schemas';

interface StrengthMeterProps {
  readonly password: string;
  readonly policy: PasswordPolicy;
  /** The user's own name and email: passwords built from them score low. */
  readonly userInputs: readonly string[];
}

/** Live zxcvbn strength and what the policy still asks for. The core checks again on submit. */
export function StrengthMeter({ password, policy, userInputs }: StrengthMeterProps) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(password);
  const evaluation = useMemo(() => evaluatePassword(deferred, policy, userInputs), [deferred, policy, userInputs]);
  const minLabel = t(`strength.score${policy.minScore}`);
  const scoreLabel = t(`strength.score${evaluation.score}`);
  return (
    <div className="strength" data-testid="strength-meter">
      <div
        className={`strength-bar score-${deferred ? evaluation.score : 'none'}`}
        role="meter"
        aria-label={t('strength.label')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={evaluation.score}
        aria-valuetext={scoreLabel}
      >
        {[0, 1, 2, 3, 4].map((segment) => (
          <span key={segment} className={segment <= evaluation.score && deferred ? 'filled' : ''} />
        ))}
      </div>
      <p className="strength-text" aria-live="polite">
        {deferred ? `${t('strength.label')}: ${scoreLabel}. ` : ''}
        {!deferred
          ? t('strength.policy', { minLength: policy.minLength, minLabel })
          : evaluation.meetsPolicy
            ? t('strength.meetsPolicy')
            : evaluation.problems.includes('too-short')
              ? t('strength.tooShort', { minLength: policy.minLength })
              : t('strength.tooWeak', { minLabel })}
      </p>
    </div>
  );
}

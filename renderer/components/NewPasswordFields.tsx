import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { PasswordField } from './PasswordField';
import { StrengthMeter } from './StrengthMeter';

interface NewPasswordFieldsProps {
  readonly label: string;
  readonly confirmLabel: string;
  readonly password: string;
  readonly confirm: string;
  readonly onPassword: (value: string) => void;
  readonly onConfirm: (value: string) => void;
  /** The user's own name and email, which the meter counts against the password. */
  readonly userInputs: readonly string[];
  /** Show that the confirmation differs (set on submit, not while typing). */
  readonly showMismatch: boolean;
}

/** A new password with its live strength meter, and its confirmation. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const policy = useAppStore((state) => state.policy);
  return (
    <>
      <PasswordField label={props.label} value={props.password} onChange={props.onPassword} autoComplete="new-password">
        {policy ? <StrengthMeter password={props.password} policy={policy} userInputs={props.userInputs} /> : null}
      </PasswordField>
      <PasswordField label={props.confirmLabel} value={props.confirm} onChange={props.onConfirm} autoComplete="new-password" />
      {props.showMismatch ? (
        <div className="alert" role="alert">
          <p>{t('firstRun.passwordsDiffer')}</p>
        </div>
      ) : null}
    </>
  );
}

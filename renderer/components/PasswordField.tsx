import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PasswordFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly autoComplete: 'current-password' | 'new-password';
  readonly autoFocus?: boolean;
  /** Shown while empty: what an empty field means (a saved password is kept). */
  readonly placeholder?: string | undefined;
  /** Rendered under the input (the strength meter). */
  readonly children?: ReactNode;
}

export function PasswordField({ label, value, onChange, autoComplete, autoFocus, placeholder, children }: PasswordFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-input">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          placeholder={placeholder}
          spellCheck={false}
        />
        <button type="button" className="ghost" onClick={() => setVisible(!visible)} aria-pressed={visible} aria-controls={id}>
          {visible ? t('common.hidePassword') : t('common.showPassword')}
        </button>
      </div>
      {children}
    </div>
  );
}

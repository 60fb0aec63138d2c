import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useSubmit } from '../app/use-submit';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { StrengthMeter } from '../components/StrengthMeter';
import { useAppStore } from '../store';
import { AuthLayout } from './AuthLayout';

/** Shown instead of the app while the administrator's "must change password" flag is set. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const policy = useAppStore((state) => state.policy);
  const session = useAppStore((state) => state.session);
  const applyAuthStatus = useAppStore((state) => state.applyAuthStatus);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { pending, error, run } = useSubmit();
  const userInputs = useMemo(() => (session ? [session.name, session.email] : []), [session]);

  const submit = () => {
    setMismatch(next !== confirm);
    if (next !== confirm) return;
    void run(async () => {
      const updated = await unwrap(api().auth.changePassword({ currentPassword: current, newPassword: next }));
      applyAuthStatus({ initialized: true, session: updated });
    });
  };

  const signOut = () => void unwrap(api().auth.signOut()).then(() => applyAuthStatus({ initialized: true, session: null }));

  return (
    <AuthLayout title={t('changePassword.title')} intro={t('changePassword.intro')} onSubmit={submit}>
      <PasswordField label={t('changePassword.current')} value={current} onChange={setCurrent} autoComplete="current-password" autoFocus />
      <PasswordField label={t('changePassword.next')} value={next} onChange={setNext} autoComplete="new-password">
        {policy ? <StrengthMeter password={next} policy={policy} userInputs={userInputs} /> : null}
      </PasswordField>
      <PasswordField label={t('changePassword.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" />
      {mismatch ? (
        <div className="alert" role="alert">
          <p>{t('firstRun.passwordsDiffer')}</p>
        </div>
      ) : null}
      <ErrorAlert code={error} policy={policy} />
      <div className="actions">
        <button type="button" className="ghost" onClick={signOut}>
          {t('nav.signOut')}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {t('changePassword.submit')}
        </button>
      </div>
    </AuthLayout>
  );
}

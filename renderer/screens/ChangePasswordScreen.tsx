import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useSubmit } from '../app/use-submit';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { NewPasswordFields } from '../components/NewPasswordFields';
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
      <NewPasswordFields
        label={t('changePassword.next')}
        confirmLabel={t('changePassword.confirm')}
        password={next}
        confirm={confirm}
        onPassword={setNext}
        onConfirm={setConfirm}
        userInputs={userInputs}
        showMismatch={mismatch}
      />
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

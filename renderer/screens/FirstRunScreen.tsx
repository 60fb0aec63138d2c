import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useSubmit } from '../app/use-submit';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { TextField } from '../components/TextField';
import { useAppStore } from '../store';
import { AuthLayout } from './AuthLayout';
import { AuthWorkspaceLine } from './workspace/WorkspaceBanners';

/** An empty workspace asks for its first Master Administrator. */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const policy = useAppStore((state) => state.policy);
  const applyAuthStatus = useAppStore((state) => state.applyAuthStatus);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { pending, error, run } = useSubmit();
  const userInputs = useMemo(() => [name, email], [name, email]);

  const submit = () => {
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    void run(async () => {
      const session = await unwrap(api().auth.createFirstAdmin({ name, email, password }));
      applyAuthStatus({ initialized: true, session });
    });
  };

  return (
    <AuthLayout title={t('firstRun.title')} intro={t('firstRun.intro')} onSubmit={submit} footer={<AuthWorkspaceLine />}>
      <TextField label={t('common.name')} value={name} onChange={setName} autoComplete="name" autoFocus required />
      <TextField label={t('common.email')} value={email} onChange={setEmail} type="email" autoComplete="email" required />
      <NewPasswordFields
        label={t('common.password')}
        confirmLabel={t('firstRun.confirmPassword')}
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        userInputs={userInputs}
        showMismatch={mismatch}
      />
      <ErrorAlert code={error} policy={policy} />
      <button type="submit" className="primary" disabled={pending}>
        {t('firstRun.submit')}
      </button>
    </AuthLayout>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useSubmit } from '../app/use-submit';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { TextField } from '../components/TextField';
import { useAppStore } from '../store';
import { AuthLayout } from './AuthLayout';
import { AuthWorkspaceLine } from './workspace/WorkspaceBanners';

export function SignInScreen() {
  const { t } = useTranslation();
  const applyAuthStatus = useAppStore((state) => state.applyAuthStatus);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { pending, error, run } = useSubmit();

  const submit = () =>
    void run(async () => {
      try {
        const session = await unwrap(api().auth.signIn({ email, password }));
        applyAuthStatus({ initialized: true, session });
      } finally {
        // Never leave a typed password in the form after an attempt.
        setPassword('');
      }
    });

  return (
    <AuthLayout title={t('signIn.title')} onSubmit={submit} footer={<AuthWorkspaceLine />}>
      <TextField label={t('common.email')} value={email} onChange={setEmail} type="email" autoComplete="username" autoFocus required />
      <PasswordField label={t('common.password')} value={password} onChange={setPassword} autoComplete="current-password" />
      <ErrorAlert code={error} />
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('signIn.signingIn') : t('signIn.submit')}
      </button>
    </AuthLayout>
  );
}

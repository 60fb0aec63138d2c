import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { BackgroundErrorNotice } from '../components/BackgroundErrorNotice';
import { ChangePasswordScreen } from '../screens/ChangePasswordScreen';
import { FirstRunScreen } from '../screens/FirstRunScreen';
import { Shell } from '../screens/Shell';
import { SignInScreen } from '../screens/SignInScreen';
import { WorkspaceDialogHost } from '../screens/workspace/WorkspaceBanners';
import { useAppStore } from '../store';

export function App() {
  const { t } = useTranslation();
  const phase = useAppStore((state) => state.phase);
  const applyAuthStatus = useAppStore((state) => state.applyAuthStatus);

  // Main tells every window when its session changes (e.g. signed out elsewhere).
  useEffect(() => api().on('sessionChanged', applyAuthStatus), [applyAuthStatus]);

  return (
    <>
      <BackgroundErrorNotice />
      <WorkspaceDialogHost />
      {screenFor(phase, t('app.loading'))}
    </>
  );
}

function screenFor(phase: ReturnType<typeof useAppStore.getState>['phase'], loading: string) {
  switch (phase) {
    case 'loading':
      return <p className="loading">{loading}</p>;
    case 'first-run':
      return <FirstRunScreen />;
    case 'signed-out':
      return <SignInScreen />;
    case 'must-change-password':
      return <ChangePasswordScreen />;
    case 'signed-in':
      return <Shell />;
  }
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, unwrap } from './api/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { useAppStore } from './store';
import { keepDraftsWhileEditing } from './store/draft-keeping';
import { subscribeWizardEvents } from './store/slices/import-wizard.slice';
import { subscribePreviewRequests } from './store/slices/preview.slice';
import { loadWorkspaceStatus, subscribeWorkspaceEvents } from './store/slices/workspace.slice';
import './styles.css';

async function boot(): Promise<void> {
  // First: a file the app was opened with is told to the window as soon as it has loaded, before the rest answers.
  subscribePreviewRequests(useAppStore);
  const [preferences, status, policy] = await Promise.all([
    unwrap(api().settings.getPreferences()),
    unwrap(api().auth.status()),
    unwrap(api().auth.passwordPolicy()),
  ]);
  await initI18n(preferences.language);
  const store = useAppStore.getState();
  store.setLanguagePreference(preferences.language);
  store.setPolicy(policy);
  store.applyAuthStatus(status);
  // The import wizard hears its download and lock events for the app's whole life, shown or not.
  subscribeWizardEvents(useAppStore);
  keepDraftsWhileEditing(useAppStore);
  subscribeWorkspaceEvents(useAppStore);
  await loadWorkspaceStatus(useAppStore);
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();

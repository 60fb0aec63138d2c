/** The one store: step inputs and UI state, never large datasets (those stay in main). */
import { create } from 'zustand';
import { createDirectorySyncSlice, type DirectorySyncSlice } from './slices/directory-sync.slice';
import { createImportWizardSlice, type ImportWizardSlice } from './slices/import-wizard.slice';
import { createNavigationSlice, type NavigationSlice } from './slices/navigation.slice';
import { createOrgSlice, type OrgSlice } from './slices/org.slice';
import { createPreviewSlice, type PreviewSlice } from './slices/preview.slice';
import { createPreferencesSlice, type PreferencesSlice } from './slices/preferences.slice';
import { createSessionSlice, type SessionSlice } from './slices/session.slice';
import { createTechImportSlice, type TechImportSlice } from './slices/tech-import.slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace.slice';

export type AppState = SessionSlice & NavigationSlice & PreferencesSlice & ImportWizardSlice & WorkspaceSlice & OrgSlice & TechImportSlice & PreviewSlice & DirectorySyncSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createNavigationSlice(...args),
  ...createPreferencesSlice(...args),
  ...createImportWizardSlice(...args),
  ...createWorkspaceSlice(...args),
  ...createOrgSlice(...args),
  ...createTechImportSlice(...args),
  ...createPreviewSlice(...args),
  ...createDirectorySyncSlice(...args),
}));

import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export const AREAS = ['managedCompanies', 'psaImport', 'importHistory', 'technicians', 'technicianImport', 'directorySync', 'settings'] as const;
export type Area = (typeof AREAS)[number];

export interface NavigationSlice {
  area: Area;
  /** An area with unsaved changes (the technician Configuration page): leaving it asks first. */
  unsavedChanges: boolean;
  /** Where the user asked to go while there were unsaved changes; the area asks to discard them. */
  pendingArea: Area | null;
  goTo(area: Area): void;
  /** Discard the unsaved changes and go where the user asked. */
  leaveAnyway(): void;
  stayHere(): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set, get) => ({
  area: 'managedCompanies',
  unsavedChanges: false,
  pendingArea: null,
  goTo: (area) => {
    if (get().unsavedChanges && area !== get().area) set({ pendingArea: area });
    else set({ area });
  },
  leaveAnyway: () => {
    const target = get().pendingArea;
    get().orgDiscardDraft();
    set({ pendingArea: null, unsavedChanges: false, ...(target ? { area: target } : {}) });
  },
  stayHere: () => set({ pendingArea: null }),
});

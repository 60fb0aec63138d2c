import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export const AREAS = ['managedCompanies', 'psaImport', 'importHistory', 'technicians', 'technicianImport', 'directorySync', 'settings'] as const;
export type Area = (typeof AREAS)[number];

/** Areas only a Master Administrator sees (the core refuses everyone else anyway). */
export const MASTER_ADMIN_AREAS: readonly Area[] = ['technicianImport'];

export interface NavigationSlice {
  area: Area;
  goTo(area: Area): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  area: 'managedCompanies',
  goTo: (area) => set({ area }),
});

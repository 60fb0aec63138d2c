import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export const AREAS = ['managedCompanies', 'psaImport', 'importHistory', 'technicians', 'directorySync', 'settings'] as const;
export type Area = (typeof AREAS)[number];

export interface NavigationSlice {
  area: Area;
  goTo(area: Area): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  area: 'managedCompanies',
  goTo: (area) => set({ area }),
});

/**
 * What the signed-in person may use, as the screens show it. The core checks every call itself
 * (electron/main/access/); this only keeps the screens from offering what would be refused.
 */
import type { Session } from '../../shared/ipc/schemas';
import { importablePsas, importRight, type Right } from '../../shared/org/rights';
import type { PsaKind } from '../../shared/psa/kinds';
import type { Area } from '../store/slices/navigation.slice';

export function can(session: Session | null, right: Right): boolean {
  return session !== null && session.rights.includes(right);
}

export function isAdministrator(session: Session | null): boolean {
  return session !== null && session.role !== 'technician';
}

export function isMasterAdministrator(session: Session | null): boolean {
  return session?.role === 'master_admin';
}

export function canImportFrom(session: Session | null, psa: PsaKind): boolean {
  return can(session, importRight(psa));
}

const AREA_RULES: { readonly [A in Area]: (session: Session | null) => boolean } = {
  managedCompanies: (session) => can(session, 'companies:view'),
  psaImport: (session) => isAdministrator(session) || importablePsas(session?.rights ?? []).length > 0,
  importHistory: (session) => can(session, 'companies:view'),
  technicians: isAdministrator,
  technicianImport: isMasterAdministrator,
  directorySync: isMasterAdministrator,
  settings: (session) => session !== null,
};

/** The side navigation's areas this person may open, in the navigation's order. */
export function areasFor(session: Session | null, areas: readonly Area[]): Area[] {
  return areas.filter((area) => AREA_RULES[area](session));
}

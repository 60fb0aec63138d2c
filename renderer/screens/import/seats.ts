/**
 * Licenses before they run out: how many seats the users step's selection
 * asks for, and — when that is more than are free — which companies keep
 * their selection. Pure, so the pre-check is unit- and component-tested.
 *
 * A seat is asked for by each contact chosen under "Manage users" and by each
 * contact of a company granted "every contact". The default (contacts imported
 * before) asks for none: those users had their seat already.
 */
import type { ImportCompanyRow } from '../../../shared/import/session';
import type { UserSelection, WizardChoices } from './plan-builder';

export interface SeatDemand {
  readonly row: ImportCompanyRow;
  /** Contacts of this company the selection grants access to. */
  readonly seats: number;
  /** Chosen one by one under "Manage users" (rather than "every contact"): such choices get seats first. */
  readonly explicit: boolean;
}

/** Seats asked for by a company's selection (undefined: the default, those imported before). */
export function seatsOf(row: ImportCompanyRow, users: UserSelection | undefined): number {
  if (users === undefined) return 0;
  return users === 'all' ? row.contacts : Object.keys(users).length;
}

/** The selected companies that ask for seats, in table order, and how many seats in all. */
export function seatDemand(rows: readonly ImportCompanyRow[], choices: WizardChoices): { readonly companies: SeatDemand[]; readonly total: number } {
  const companies: SeatDemand[] = [];
  let total = 0;
  for (const row of rows) {
    if (!choices.selected[row.psaCompanyId]) continue;
    const users = choices.users[row.psaCompanyId];
    const seats = seatsOf(row, users);
    if (seats === 0) continue;
    companies.push({ row, seats, explicit: users !== 'all' });
    total += seats;
  }
  return { companies, total };
}

/**
 * Which companies keep their selection within `free` seats: those whose contacts were chosen explicitly
 * first, then those granted every contact, each in table order; a company is kept whole when its contacts
 * fit in the seats still left, and skipped otherwise (a smaller one after it may still fit).
 */
export function allocateSeats(demands: readonly SeatDemand[], free: number): Set<string> {
  const kept = new Set<string>();
  let left = Math.max(0, free);
  const ordered = [...demands.filter((demand) => demand.explicit), ...demands.filter((demand) => !demand.explicit)];
  for (const demand of ordered) {
    if (demand.seats > left) continue;
    kept.add(demand.row.psaCompanyId);
    left -= demand.seats;
  }
  return kept;
}

/** Seats free now: never below zero (a pool lowered under its use by an older version). */
export function freeSeats(licenses: { readonly seats: number; readonly inUse: number }): number {
  return Math.max(0, licenses.seats - licenses.inUse);
}

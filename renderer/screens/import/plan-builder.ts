/**
 * The wizard's choices and the plan they make. Pure, so the defaults the seed
 * describes are unit-tested: mapped companies stay mapped, possible duplicates
 * map to their namesake, unmapped ones become new managed companies, and an
 * ambiguous duplicate waits for the user's choice; contacts imported before
 * stay selected.
 */
import { EMPTY_DRAFT, effectiveChoice, type ImportDraft } from '../../../shared/import/draft';
import type { ImportPlan } from '../../../shared/import/plan';
import type { ImportCompanyRow } from '../../../shared/import/session';

export type { CompanyChoice, UserChoice, UserSelection } from '../../../shared/import/draft';

/** The wizard's choices are the draft the core keeps with the download (shared/import/draft.ts). */
export type WizardChoices = ImportDraft;

export const NO_CHOICES: WizardChoices = EMPTY_DRAFT;

export { defaultChoice, effectiveChoice } from '../../../shared/import/draft';

/** The plan, and the selected companies that still need a choice (ambiguous duplicates). */
export function buildPlan(rows: readonly ImportCompanyRow[], choices: WizardChoices): { plan: ImportPlan; needsChoice: ImportCompanyRow[] } {
  const needsChoice: ImportCompanyRow[] = [];
  const companies: ImportPlan['companies'] = [];
  for (const row of rows) {
    if (!choices.selected[row.psaCompanyId]) continue;
    const choice = effectiveChoice(row, choices);
    if (!choice) {
      needsChoice.push(row);
      continue;
    }
    const replacing = choice.replacing ? { replacing: choice.replacing } : {};
    const users = choices.users[row.psaCompanyId];
    companies.push({
      psaCompanyId: row.psaCompanyId,
      ...(choice.kind === 'map' && choice.updateName && row.renamedFrom !== null && choice.managedCompanyId === row.managedCompany?.id ? { updateName: true as const } : {}),
      action: choice.kind === 'create' ? { kind: 'create', ...replacing } : { kind: 'map', managedCompanyId: choice.managedCompanyId, ...replacing },
      users: users === 'all'
        ? 'all'
        : users
        ? Object.entries(users).map(([psaContactId, user]) => {
            const replacing = user.replacing ? { replacing: user.replacing } : {};
            return { psaContactId, action: user.kind === 'create' ? { kind: 'create' as const, ...replacing } : { kind: 'map' as const, userId: user.userId, ...replacing } };
          })
        : 'previous',
    });
  }
  // The apply grants seats in plan order: contacts chosen one by one under "Manage users" get theirs first.
  const explicitFirst = [...companies.filter((company) => Array.isArray(company.users)), ...companies.filter((company) => !Array.isArray(company.users))];
  return { plan: { companies: explicitFirst }, needsChoice };
}

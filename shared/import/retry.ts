/**
 * "Retry the failed items" on the results page: after the technician has acted
 * (raised the seats in Settings, say), only what failed is applied again, and
 * the new outcomes replace the failed ones on the page. Pure, so which items a
 * retry touches and how its results merge are unit-tested.
 */
import type { ImportPlan, ImportResults } from './plan';

type PlannedCompany = ImportPlan['companies'][number];
type PlannedUser = Exclude<PlannedCompany['users'], string>[number];

/**
 * The plan that applies again only what failed: a failed company with its planned users as they were;
 * for a company that was created or mapped, its failed users only, the company taken as it now is (mapped
 * to the managed company the first run gave it, so it is neither created twice nor moved again).
 */
export function retryPlan(plan: ImportPlan, results: ImportResults): ImportPlan {
  const outcomes = new Map(results.companies.map((company) => [company.psaCompanyId, company]));
  const failedUsers = new Map<string, string[]>();
  for (const user of results.users) {
    if (user.outcome !== 'failed') continue;
    const list = failedUsers.get(user.psaCompanyId) ?? [];
    list.push(user.psaContactId);
    failedUsers.set(user.psaCompanyId, list);
  }
  const companies: PlannedCompany[] = [];
  for (const company of plan.companies) {
    const outcome = outcomes.get(company.psaCompanyId);
    if (!outcome || outcome.outcome === 'failed') {
      companies.push(company);
      continue;
    }
    const contacts = failedUsers.get(company.psaCompanyId);
    if (!contacts || !outcome.managedCompanyId) continue;
    const explicit = typeof company.users === 'string' ? new Map<string, PlannedUser>() : new Map(company.users.map((user) => [user.psaContactId, user]));
    companies.push({
      psaCompanyId: company.psaCompanyId,
      action: { kind: 'map', managedCompanyId: outcome.managedCompanyId },
      // "all" and "previous" were spelled out by the first run as new users (or the user they map to).
      users: contacts.map((psaContactId) => explicit.get(psaContactId) ?? { psaContactId, action: { kind: 'create' } }),
    });
  }
  return { companies };
}

/** How many items a retry would apply again: failed companies and failed users. */
export function failedCount(results: ImportResults): number {
  let failed = 0;
  for (const company of results.companies) if (company.outcome === 'failed') failed++;
  for (const user of results.users) if (user.outcome === 'failed') failed++;
  return failed;
}

/**
 * The first run's results with a retry's outcomes in place of the failed ones, in the same order; users
 * the retry reached for the first time (those of a company that failed before) are added after them.
 * Outcomes that succeeded before are kept as they were, whatever the retry says of them.
 */
export function mergeRetryResults(previous: ImportResults, retried: ImportResults): ImportResults {
  const retriedCompanies = new Map(retried.companies.map((company) => [company.psaCompanyId, company]));
  const retriedUsers = new Map(retried.users.map((user) => [user.psaContactId, user]));
  const companies = previous.companies.map((company) => (company.outcome === 'failed' ? (retriedCompanies.get(company.psaCompanyId) ?? company) : company));
  const seen = new Set<string>();
  const users = previous.users.map((user) => {
    seen.add(user.psaContactId);
    return user.outcome === 'failed' ? (retriedUsers.get(user.psaContactId) ?? user) : user;
  });
  for (const user of retried.users) if (!seen.has(user.psaContactId)) users.push(user);
  return { companies, users };
}

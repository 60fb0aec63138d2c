/**
 * `npm run test:deps`: makes sure what the tests need beyond npm is here before any of them run,
 * installing it where it can; else one line naming the command to run, and exit code 1.
 */
import { chromiumRequirement } from './chromium';
import { openldapRequirement } from './openldap';
import { postgresRequirement } from './postgres';
import { ensure, type Requirement } from './requirement';

const requirements: Record<string, Requirement> = { chromium: chromiumRequirement, postgres: postgresRequirement, openldap: openldapRequirement };

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in requirements));
if (unknown.length > 0) {
  console.error(`Unknown test requirement: ${unknown.join(', ')} (known: ${Object.keys(requirements).join(', ')}).`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(requirements)) {
  const result = ensure(requirements[name] as Requirement, (line) => console.log(`[test:deps] ${line}`));
  if (!result.ok) {
    console.error(`[test:deps] ${result.message}`);
    process.exit(1);
  }
  if (result.installedBy) console.log(`[test:deps] ${requirements[name]?.name} installed by ${result.installedBy}: ${result.path}`);
}

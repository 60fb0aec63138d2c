/**
 * `npm run bench:apply [-- --json] [-- --workspace postgres]`: applies 10,000 new companies with
 * 100,000 users to a fresh SQLite workspace through the real apply (batches,
 * lock fencing, idempotency lookups, licenses, history), against a bare
 * better-sqlite3 insert of the same rows in one transaction, in the same run.
 * Goal: apply ≤ 1.5 × bare. With `--workspace postgres`, the same into a team workspace on a throwaway
 * PostgreSQL cluster (apply-postgres.ts).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteWorkspace } from '../../electron/main/db/sqlite-workspace';
import { syntheticImport } from '../../test/support/import-fixtures';
import { benchApplyPostgres } from './apply-postgres';
import { printReport } from './report';
import { timedApply } from './timed-apply';

const workspaceArg = process.argv.indexOf('--workspace');
const backend = workspaceArg >= 0 ? process.argv[workspaceArg + 1] : 'sqlite';
if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`--workspace sqlite or postgres, not ${backend}`);

const COMPANIES = 10_000;
const USERS_PER_COMPANY = 10;
const dir = mkdtempSync(join(tmpdir(), 'msp-roster-bench-apply-'));
const synthetic = syntheticImport(COMPANIES, USERS_PER_COMPANY);
const { fetched } = synthetic;

async function applyRun(): Promise<number> {
  const { workspace } = await SqliteWorkspace.open({ file: join(dir, `apply-${randomUUID()}.sqlite`) });
  const elapsed = await timedApply(workspace, synthetic, COMPANIES * USERS_PER_COMPANY);
  await workspace.close();
  return elapsed;
}

/** The same rows — companies, users, both mappings, history with the same details — in one transaction with prepared statements. */
async function bareRun(): Promise<number> {
  const file = join(dir, `bare-${randomUUID()}.sqlite`);
  await (await SqliteWorkspace.open({ file })).workspace.close();
  const db = new Database(file);
  // The workspace's own settings: same journal, same durability, same foreign-key checks.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const now = new Date().toISOString();
  const company = db.prepare("INSERT INTO managed_companies (id, name, created_at, created_by, origin) VALUES (?, ?, ?, 'bench', 'psa-import')");
  const companyMap = db.prepare("INSERT INTO company_mappings (psa, psa_company_id, managed_company_id, psa_name_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES ('autotask', ?, ?, ?, 'bench', ?, ?)");
  const user = db.prepare("INSERT INTO managed_users (id, managed_company_id, name, email, email_key, status, has_license, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', 1, ?, ?)");
  const userMap = db.prepare("INSERT INTO contact_mappings (psa, psa_contact_id, user_id, psa_email_at_mapping, mapped_by, mapped_at, last_imported_at) VALUES ('autotask', ?, ?, ?, 'bench', ?, ?)");
  const history = db.prepare("INSERT INTO record_history (entity, entity_id, at, actor_id, event, detail) VALUES (?, ?, ?, 'bench', 'created', ?)");
  const byCompany = new Map<string, Array<(typeof fetched.contacts)[number]>>();
  for (const contact of fetched.contacts) {
    const list = byCompany.get(contact.companyPsaId);
    if (list) list.push(contact);
    else byCompany.set(contact.companyPsaId, [contact]);
  }
  const started = performance.now();
  db.transaction(() => {
    for (const record of fetched.companies) {
      const id = randomUUID();
      company.run(id, record.name, now);
      companyMap.run(record.psaId, id, record.name, now, now);
      history.run('company', id, now, JSON.stringify({ psa: 'autotask', psaCompanyId: record.psaId, psaName: record.name }));
      for (const contact of byCompany.get(record.psaId) ?? []) {
        const userId = randomUUID();
        user.run(userId, id, `${contact.firstName} ${contact.lastName}`, contact.email, contact.email!.toLowerCase(), now, now);
        userMap.run(contact.psaId, userId, contact.email, now, now);
        history.run('user', userId, now, JSON.stringify({ psa: 'autotask', psaContactId: contact.psaId }));
      }
    }
  })();
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

if (backend === 'postgres') {
  rmSync(dir, { recursive: true, force: true });
  await benchApplyPostgres();
} else await benchSqlite();

async function benchSqlite(): Promise<void> {
  try {
    await applyRun(); // warm-up
    await bareRun();
    // Best of three each, interleaved: disk flushes and GC make single runs vary by ±15 % on a busy machine.
    const applies: number[] = [];
    const bares: number[] = [];
    for (let round = 0; round < 3; round++) {
      applies.push(await applyRun());
      bares.push(await bareRun());
    }
    const apply = Math.min(...applies);
    const bare = Math.min(...bares);
    const ratio = apply / bare;
    printReport({
      name: 'bench:apply — 10,000 new companies with 100,000 users into SQLite',
      figures: { applyMs: Math.round(apply), bareInsertMs: Math.round(bare), ratio, rowsPerSecond: Math.round(((COMPANIES * (1 + USERS_PER_COMPANY)) / apply) * 1000) },
      goals: { speed: { description: `apply ${Math.round(apply)} ms ≤ 1.5 × bare insert ${Math.round(bare)} ms (ratio ${ratio.toFixed(2)})`, pass: ratio <= 1.5 } },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench:apply -- --workspace postgres`: the same 10,000 companies with 100,000 users through the real
 * apply into a team workspace on a throwaway PostgreSQL cluster, against a bare `pg` insert of the same rows in
 * one transaction — both of multi-row INSERT and COPY FROM STDIN (plain `pg`, see CopyFrom), the faster
 * counting — all in the same run. Goal: apply ≤ 1.5 × the faster bare insert.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresWorkspace } from '../../electron/main/db/postgres-workspace';
import type { PsaFetchResult } from '../../shared/psa/records';
import { startPgCluster, type PgCluster } from '../../test/support/postgres/cluster';
import { syntheticImport } from '../../test/support/import-fixtures';
import { printReport } from './report';
import { timedApply } from './timed-apply';

const COMPANIES = 10_000;
const USERS_PER_COMPANY = 10;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 2;

type Row = ReadonlyArray<string | number>;
interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: Row[];
}

/** The rows the apply writes (companies, users, both mappings, history with the same details), table by table in foreign-key order. */
function bareRows(fetched: PsaFetchResult): Table[] {
  const now = new Date().toISOString();
  const companies: Table = { name: 'managed_companies', columns: ['id', 'name', 'created_at', 'created_by', 'origin'], rows: [] };
  const companyMaps: Table = { name: 'company_mappings', columns: ['psa', 'psa_company_id', 'managed_company_id', 'psa_name_at_mapping', 'mapped_by', 'mapped_at', 'last_imported_at'], rows: [] };
  const users: Table = { name: 'managed_users', columns: ['id', 'managed_company_id', 'name', 'email', 'email_key', 'status', 'has_license', 'created_at', 'updated_at'], rows: [] };
  const userMaps: Table = { name: 'contact_mappings', columns: ['psa', 'psa_contact_id', 'user_id', 'psa_email_at_mapping', 'mapped_by', 'mapped_at', 'last_imported_at'], rows: [] };
  const history: Table = { name: 'record_history', columns: ['entity', 'entity_id', 'at', 'actor_id', 'event', 'detail'], rows: [] };
  const byCompany = new Map<string, Array<(typeof fetched.contacts)[number]>>();
  for (const contact of fetched.contacts) {
    const list = byCompany.get(contact.companyPsaId);
    if (list) list.push(contact);
    else byCompany.set(contact.companyPsaId, [contact]);
  }
  for (const record of fetched.companies) {
    const id = randomUUID();
    companies.rows.push([id, record.name, now, 'bench', 'psa-import']);
    companyMaps.rows.push(['autotask', record.psaId, id, record.name, 'bench', now, now]);
    history.rows.push(['company', id, now, 'bench', 'created', JSON.stringify({ psa: 'autotask', psaCompanyId: record.psaId, psaName: record.name })]);
    for (const contact of byCompany.get(record.psaId) ?? []) {
      const userId = randomUUID();
      users.rows.push([userId, id, `${contact.firstName} ${contact.lastName}`, contact.email!, contact.email!.toLowerCase(), 'active', 1, now, now]);
      userMaps.rows.push(['autotask', contact.psaId, userId, contact.email!, 'bench', now, now]);
      history.rows.push(['user', userId, now, 'bench', 'created', JSON.stringify({ psa: 'autotask', psaContactId: contact.psaId })]);
    }
  }
  return [companies, companyMaps, users, userMaps, history];
}

/** Multi-row INSERTs of `perStatement` rows, as few round trips as the parameter limit allows. */
async function insertMultiRow(client: pg.Client, table: Table, perStatement: number): Promise<void> {
  const width = table.columns.length;
  const head = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES `;
  const statements = new Map<number, string>();
  for (let start = 0; start < table.rows.length; start += perStatement) {
    const chunk = table.rows.slice(start, start + perStatement);
    let sql = statements.get(chunk.length);
    if (!sql) {
      sql = head + chunk.map((_, row) => `(${table.columns.map((_, column) => `$${row * width + column + 1}`).join(', ')})`).join(', ');
      statements.set(chunk.length, sql);
    }
    await client.query(sql, chunk.flat());
  }
}

/** The slice of pg's connection a COPY needs (pg-copy-streams uses the same; it is not installed here). */
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  query(text: string): void;
}

/**
 * COPY … FROM STDIN with plain `pg`: a Submittable that sends the whole text-format payload when the server
 * asks for it (CopyInResponse), then reports when the command completes.
 */
class CopyFrom {
  private readonly done: Promise<void>;
  private settle!: (error: Error | null) => void;
  constructor(
    private readonly text: string,
    private readonly payload: Buffer,
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = (error) => (error ? reject(error) : resolve())));
  }
  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    const chunk = 1 << 20;
    for (let start = 0; start < this.payload.length; start += chunk) connection.sendCopyFromChunk(this.payload.subarray(start, start + chunk));
    connection.endCopyFrom();
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {
    this.settle(null);
  }
  handleError(error: Error): void {
    this.settle(error);
  }
  finished(): Promise<void> {
    return this.done;
  }
}

function copyText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

async function insertCopy(client: pg.Client, table: Table): Promise<void> {
  const payload = Buffer.from(table.rows.map((row) => `${row.map(copyText).join('\t')}\n`).join(''));
  const copy = new CopyFrom(`COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN`, payload);
  await client.query(copy as unknown as pg.Submittable);
  await copy.finished();
}

async function freshDatabase(cluster: PgCluster): Promise<pg.ClientConfig> {
  const database = await cluster.createDatabase('bench');
  const connection = { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database };
  await (await PostgresWorkspace.open({ connection })).workspace.close();
  return connection;
}

export async function benchApplyPostgres(): Promise<void> {
  const cluster = await startPgCluster();
  const { fetched, plan } = syntheticImport(COMPANIES, USERS_PER_COMPANY);
  const dropAfter = async (connection: pg.ClientConfig) => void (await cluster.sql('postgres', `DROP DATABASE ${connection.database} WITH (FORCE)`));

  const applyRun = async (): Promise<number> => {
    const connection = await freshDatabase(cluster);
    const { workspace } = await PostgresWorkspace.open({ connection });
    const elapsed = await timedApply(workspace, { fetched, plan }, COMPANIES * USERS_PER_COMPANY);
    await workspace.close();
    await dropAfter(connection);
    return elapsed;
  };

  const bareRun = async (how: 'insert' | 'copy'): Promise<number> => {
    const connection = await freshDatabase(cluster);
    const tables = bareRows(fetched);
    const client = new pg.Client(connection);
    await client.connect();
    const started = performance.now();
    await client.query('BEGIN');
    for (const table of tables) {
      if (how === 'copy') await insertCopy(client, table);
      else await insertMultiRow(client, table, Math.min(1000, Math.floor(65_535 / table.columns.length)));
    }
    await client.query('COMMIT');
    const elapsed = performance.now() - started;
    const { rows } = await client.query<{ count: string }>('SELECT COUNT(*) AS count FROM managed_users');
    if (Number(rows[0]!.count) !== COMPANIES * USERS_PER_COMPANY) throw new Error(`bare ${how} incomplete`);
    await client.end();
    await dropAfter(connection);
    return elapsed;
  };

  try {
    // Interleaved, best of ROUNDS each: the machine is shared and single runs vary.
    const applies: number[] = [];
    const inserts: number[] = [];
    const copies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      inserts.push(await bareRun('insert'));
      copies.push(await bareRun('copy'));
      applies.push(await applyRun());
    }
    const apply = Math.min(...applies);
    const insert = Math.min(...inserts);
    const copy = Math.min(...copies);
    const bare = Math.min(insert, copy);
    const ratio = apply / bare;
    printReport({
      name: 'bench:apply — 10,000 new companies with 100,000 users into PostgreSQL (team workspace)',
      figures: {
        applyMs: Math.round(apply),
        bareMultiRowInsertMs: Math.round(insert),
        bareCopyMs: Math.round(copy),
        fasterBare: insert <= copy ? 'multi-row INSERT' : 'COPY',
        ratio,
        rowsPerSecond: Math.round(((COMPANIES * (1 + USERS_PER_COMPANY)) / apply) * 1000),
      },
      goals: { speed: { description: `apply ${Math.round(apply)} ms ≤ 1.5 × faster bare insert ${Math.round(bare)} ms (ratio ${ratio.toFixed(2)})`, pass: ratio <= 1.5 } },
    });
  } finally {
    cluster.destroy();
  }
}

/**
 * Hears what other workstations commit to a team workspace: one dedicated connection that LISTENs on the
 * workspace's channel. Writers `pg_notify` inside their transaction (see PostgresWorkspace's `notifyChange`);
 * PostgreSQL delivers at commit, never for a rollback. A lost connection (server restart, network) is opened
 * again with backoff, never an unhandled error; once back, every topic is told once, for what was missed.
 */
import pg from 'pg';
import { z } from 'zod';
import { CHANGE_TOPICS, type ChangeTopic, type WorkspaceChange } from './workspace';

export const CHANGE_CHANNEL = 'msp_roster';

const FIRST_RETRY_MS = 250;
/** Backoff stops growing here: a server back after a restart is heard again within this long. */
const MAX_RETRY_MS = 2_000;
/**
 * A LISTEN connection only receives, so a connection silently dropped on the way (a NAT or firewall forgetting
 * an idle flow) would go unnoticed: it is asked a trivial query this often, and opened again when that fails.
 */
const PING_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** A notification's payload: topic, subject and the writing workspace object, short (NOTIFY takes < 8000 bytes). */
const PayloadSchema = z.object({ t: z.enum(CHANGE_TOPICS as [ChangeTopic, ...ChangeTopic[]]), s: z.string().max(200).nullable(), o: z.string().max(64) });

export function changePayload(topic: ChangeTopic, subject: string | null, origin: string): string {
  return JSON.stringify({ t: topic, s: subject, o: origin });
}

function parsePayload(payload: string | undefined, origin: string): WorkspaceChange | null {
  try {
    const parsed = PayloadSchema.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? { topic: parsed.data.t, subject: parsed.data.s, own: parsed.data.o === origin } : null;
  } catch {
    return null;
  }
}

export class PgChangeFeed {
  private client: pg.Client | null = null;
  private closed = false;
  private started = false;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;
  private readonly listening: { promise: Promise<void>; resolve: () => void };

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly origin: string,
    private readonly deliver: (change: WorkspaceChange) => void,
  ) {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((done) => (resolve = done));
    this.listening = { promise, resolve };
  }

  /** Starts listening (once; later calls do nothing). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect(false);
  }

  /** Resolves once the first LISTEN is in place (tests; the app never waits for it). */
  whenListening(): Promise<void> {
    return this.listening.promise;
  }

  /** Whether the LISTEN connection is up now. */
  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(missedSome: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...this.config, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      const change = message.channel === CHANGE_CHANNEL ? parsePayload(message.payload, this.origin) : null;
      if (change) this.deliver(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      this.retry(true);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    clearInterval(this.ping);
    this.ping = setInterval(() => void client.query('SELECT 1').catch(() => this.lost(client)), PING_MS);
    this.ping.unref();
    this.listening.resolve();
    if (missedSome) for (const topic of CHANGE_TOPICS) this.deliver({ topic, subject: null, own: false });
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    clearInterval(this.ping);
    client.end().catch(() => undefined);
    this.retry(true);
  }

  private retry(missedSome: boolean): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect(missedSome);
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    this.timer = undefined;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

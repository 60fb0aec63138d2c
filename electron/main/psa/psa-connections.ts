/**
 * Stored PSA connections. Credentials live only in the vault (OS keychain);
 * what the renderer may see — configured, account hint, last verified, last
 * error — lives beside the non-secret preferences.
 */
import { z } from 'zod';
import { API_URL_PROBLEM_MESSAGES, apiUrlProblem } from '../../../shared/psa/api-url';
import { PsaCredentialsSchema, type ConnectionTest, type PsaConnectionStatus, type PsaCredentials, type PsaStoredFields } from '../../../shared/psa/credentials';
import { PsaErrorKindSchema } from '../../../shared/psa/errors';
import type { PsaKind } from '../../../shared/psa/kinds';
import { DomainError } from '../base/domain-error';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../preferences/preferences-store';
import type { SecretVault } from '../vault/secret-vault';
import { autotaskHeaders } from './autotask/autotask-client';
import type { PsaConnector } from './connector';
import type { ConnectorFactory } from './connector-factory';
import { connectwiseHeaders } from './connectwise/connectwise-client';
import { credentialSecrets } from './http/request-redactor';
import { PsaError, toPsaError } from './psa-error';

const MetaSchema = z.strictObject({
  accountHint: z.string(),
  apiBaseUrl: z.string().nullable(),
  persisted: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
  lastError: z.strictObject({ kind: PsaErrorKindSchema, at: z.string() }).nullable(),
});
type Meta = z.infer<typeof MetaSchema>;

const REQUIRED: { readonly [K in PsaKind]: ReadonlyArray<keyof Extract<PsaCredentials, { psa: K }>> } = {
  autotask: ['username', 'secret', 'integrationCode'],
  connectwise: ['site', 'companyId', 'publicKey', 'privateKey', 'clientId'],
};

export interface PsaConnectionsDeps {
  readonly vault: SecretVault;
  readonly store: KeyValueStore;
  readonly connectors: ConnectorFactory;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Refuses credentials that reach another tenant than the workspace imports from (a team workspace's rule). */
  readonly checkTenant?: (psa: PsaKind, identity: string | null) => Promise<void>;
}

export class PsaConnections {
  constructor(private readonly deps: PsaConnectionsDeps) {}

  async status(psa: PsaKind): Promise<PsaConnectionStatus> {
    const meta = this.meta(psa);
    const configured = meta !== null && this.deps.vault.has(vaultKey(psa));
    return {
      psa,
      configured,
      accountHint: configured ? meta.accountHint : null,
      apiBaseUrl: configured ? meta.apiBaseUrl : null,
      persisted: configured ? meta.persisted : false,
      lastVerifiedAt: configured ? meta.lastVerifiedAt : null,
      lastError: configured ? meta.lastError : null,
    };
  }

  /**
   * The fields "Change credentials" shows filled in: who and where (user name, site, company id, custom URL),
   * never a secret nor the keys and codes that stand in for one. Null when nothing is stored.
   */
  async storedFields(psa: PsaKind): Promise<PsaStoredFields | null> {
    if (!(await this.status(psa)).configured) return null;
    const stored = await this.stored(psa).catch(() => null);
    if (!stored) return null;
    return stored.psa === 'autotask'
      ? { psa: 'autotask', username: stored.username, apiBaseUrl: stored.apiBaseUrl }
      : { psa: 'connectwise', site: stored.site, companyId: stored.companyId, apiBaseUrl: stored.apiBaseUrl };
  }

  /** Tests the given credentials, or the stored ones when `credentials` is null. */
  async test(psa: PsaKind, credentials: PsaCredentials | null): Promise<ConnectionTest> {
    const stored = credentials === null;
    if (credentials) requireSafeApiUrl(credentials);
    try {
      const subject = credentials ? await this.withKeptSecrets(credentials) : await this.stored(psa);
      if (subject.psa !== psa) throw new PsaError('credentials-required', 'The form is for another PSA.');
      requireComplete(subject);
      const result = await this.deps.connectors(subject).testConnection();
      if (stored) this.updateMeta(psa, { lastVerifiedAt: this.now(), lastError: null });
      return { outcome: 'connected', tenant: result.tenant, companies: result.companies };
    } catch (error) {
      const failure = toPsaError(error);
      this.deps.log.warn('PSA connection test failed', { psa, kind: failure.kind, detail: failure.message });
      if (stored && failure.kind !== 'credentials-required') this.updateMeta(psa, { lastError: { kind: failure.kind, at: this.now() } });
      return { outcome: 'failed', error: failure.view() };
    }
  }

  /** Tests, and stores only credentials that work. */
  async connect(typed: PsaCredentials): Promise<{ test: ConnectionTest; status: PsaConnectionStatus }> {
    requireSafeApiUrl(typed);
    const credentials = await this.withKeptSecrets(typed);
    const test = await this.test(credentials.psa, credentials);
    if (test.outcome === 'connected') {
      // Before anything is stored: a team workspace refuses another tenant's credentials (PSA_TENANT_MISMATCH).
      if (this.deps.checkTenant) await this.deps.checkTenant(credentials.psa, await this.deps.connectors(credentials).identity());
      // Every credential the PSA requests carry, so the log scrubs the Basic value and its parts too.
      const secrets = credentialSecrets(credentials.psa === 'autotask' ? autotaskHeaders(credentials) : connectwiseHeaders(credentials));
      const { persisted } = await this.deps.vault.set(vaultKey(credentials.psa), JSON.stringify(credentials), secrets);
      this.writeMeta(credentials.psa, {
        accountHint: accountHint(credentials),
        apiBaseUrl: credentials.apiBaseUrl || null,
        persisted,
        lastVerifiedAt: this.now(),
        lastError: null,
      });
      this.deps.log.info('PSA connected', { psa: credentials.psa, persisted });
    }
    return { test, status: await this.status(credentials.psa) };
  }

  async disconnect(psa: PsaKind): Promise<PsaConnectionStatus> {
    await this.deps.vault.delete(vaultKey(psa));
    this.deps.store.set(metaKey(psa), null);
    this.deps.log.info('PSA disconnected', { psa });
    return this.status(psa);
  }

  /** A connector over the stored credentials; "credentials required" when there are none. */
  async connector(psa: PsaKind): Promise<PsaConnector> {
    return this.deps.connectors(await this.stored(psa));
  }

  /**
   * "Change credentials": a secret (or key, or code) left blank keeps the one in the vault, as long as the
   * credentials still go to the same place — a blank secret is never sent to a site or URL it was not typed for.
   */
  private async withKeptSecrets(typed: PsaCredentials): Promise<PsaCredentials> {
    const kept = await this.stored(typed.psa).catch(() => null);
    if (!kept || kept.psa !== typed.psa || kept.apiBaseUrl !== typed.apiBaseUrl) return typed;
    if (typed.psa === 'autotask' && kept.psa === 'autotask') {
      return { ...typed, secret: typed.secret || kept.secret, integrationCode: typed.integrationCode || kept.integrationCode };
    }
    if (typed.psa === 'connectwise' && kept.psa === 'connectwise' && typed.site === kept.site) {
      return { ...typed, publicKey: typed.publicKey || kept.publicKey, privateKey: typed.privateKey || kept.privateKey, clientId: typed.clientId || kept.clientId };
    }
    return typed;
  }

  private async stored(psa: PsaKind): Promise<PsaCredentials> {
    const raw = await this.deps.vault.get(vaultKey(psa));
    if (raw === undefined) throw new PsaError('credentials-required', `No ${psa} credentials are stored.`);
    const parsed = PsaCredentialsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new PsaError('credentials-required', `The stored ${psa} credentials are incomplete; connect again.`);
    return parsed.data;
  }

  private meta(psa: PsaKind): Meta | null {
    const parsed = MetaSchema.safeParse(this.deps.store.get(metaKey(psa)));
    return parsed.success ? parsed.data : null;
  }

  private writeMeta(psa: PsaKind, meta: Meta): void {
    this.deps.store.set(metaKey(psa), meta);
  }

  private updateMeta(psa: PsaKind, patch: Partial<Meta>): void {
    const meta = this.meta(psa);
    if (meta) this.writeMeta(psa, { ...meta, ...patch });
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}

/** The seed's "Credentials are required": an empty (or incomplete) form. */
export function requireComplete(credentials: PsaCredentials): void {
  const fields = REQUIRED[credentials.psa] as readonly string[];
  const values = credentials as unknown as Record<string, string>;
  const missing = fields.filter((field) => !values[field]?.trim());
  if (missing.length > 0) throw new PsaError('credentials-required', `Missing: ${missing.join(', ')}.`);
}

/**
 * The IPC schema refuses an insecure custom API base URL too; the core checks again because it is
 * also called directly (the bridge, tests) and must never send typed credentials in clear.
 * A field error, not a PSA failure: nothing was sent, and the form shows it on the field.
 */
export function requireSafeApiUrl(credentials: PsaCredentials): void {
  const problem = apiUrlProblem(credentials.apiBaseUrl);
  if (problem) throw new DomainError('VALIDATION_FAILED', API_URL_PROBLEM_MESSAGES[problem], { 'credentials.apiBaseUrl': API_URL_PROBLEM_MESSAGES[problem] });
}

function accountHint(credentials: PsaCredentials): string {
  if (credentials.psa === 'autotask') return credentials.username;
  return `${credentials.companyId} @ ${credentials.apiBaseUrl ? new URL(credentials.apiBaseUrl).host : credentials.site}`;
}

const vaultKey = (psa: PsaKind) => `psa/${psa}`;
const metaKey = (psa: PsaKind) => `integrations.${psa}`;

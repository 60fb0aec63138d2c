import type { PsaCredentials } from '../../shared/psa/credentials';
import type { PsaKind } from '../../shared/psa/kinds';
import type { RunningPsaSimulator } from '../fakes/psa-sim/server';

/** Credentials that connect the app to the simulator, optionally with one field changed. */
export function simCredentials(sim: RunningPsaSimulator, psa: PsaKind, override: Record<string, string> = {}): PsaCredentials {
  if (psa === 'autotask') {
    const { username, secret, integrationCode } = sim.credentials.autotask;
    return { psa, username, secret, integrationCode, apiBaseUrl: sim.url, ...override };
  }
  const { companyId, publicKey, privateKey, clientId } = sim.credentials.connectwise;
  return { psa, site: 'na.myconnectwise.net', companyId, publicKey, privateKey, clientId, apiBaseUrl: sim.url, ...override };
}

/** Fast retries for tests: the policy is the same, the waits are short. */
export const FAST_RETRIES = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 }, timeoutMs: 5_000 } as const;

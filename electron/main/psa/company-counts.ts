/**
 * The filter step's "about N companies": one count request per filter the technician settles on. A newer count
 * for the same window and PSA cancels the one still under way, so a technician editing the filter never waits
 * for (or sees) the count of a filter they already changed.
 */
import type { CompanyCountResult } from '../../../shared/psa/fetch-events';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { PsaConnector } from './connector';
import { toPsaError } from './psa-error';
import type { Caller } from '../base/caller';

export class CompanyCounts {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly connector: (psa: PsaKind) => Promise<PsaConnector>) {}

  async count(caller: Caller, psa: PsaKind, filter: PsaFilter): Promise<CompanyCountResult> {
    const key = `${caller.sessionKey}:${psa}`;
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    try {
      const connector = await this.connector(psa);
      return { outcome: 'counted', count: await connector.countCompanies(filter, controller.signal) };
    } catch (error) {
      if (controller.signal.aborted) return { outcome: 'superseded' };
      return { outcome: 'failed', error: toPsaError(error).view() };
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }
}

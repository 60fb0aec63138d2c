/**
 * "Refresh from the PSA" (preview:refresh): downloads again with the preview's filter, through this workstation's
 * connection to its PSA, and says what changed since the preview's download (shared/preview/psa-changes.ts). Nothing
 * is kept or written: the preview stays as it was saved. PSA_NOT_CONNECTED without stored credentials;
 * PSA_REFRESH_FAILED (`fields.kind`: the PSA failure's kind, psaErrors.<kind>) when the download fails;
 * PREVIEW_OTHER_INTEGRATION when the connection is another account than the preview's.
 */
import type { PsaChanges } from '../../../shared/preview/preview-api';
import { psaChanges } from '../../../shared/preview/psa-changes';
import { DomainError } from '../base/domain-error';
import { fetchFromPsa } from '../psa/fetch-job';
import { toPsaError } from '../psa/psa-error';
import { requireSameIntegration } from './preview-apply';
import type { PreviewDeps, Review } from './preview-reviews';

export async function refreshFromPsa(deps: PreviewDeps, review: Review): Promise<PsaChanges> {
  const { document, contacts } = review.opened;
  const psa = document.psa;
  if (!(await deps.psa.status(psa)).configured) throw new DomainError('PSA_NOT_CONNECTED', `${psa} is not connected on this workstation.`, { psa });
  await requireSameIntegration(deps, psa, document.integration);
  let now;
  try {
    now = await fetchFromPsa(await deps.psa.connector(psa), document.filter);
  } catch (error) {
    const failure = toPsaError(error);
    if (failure.kind === 'credentials-required') throw new DomainError('PSA_NOT_CONNECTED', `${psa} is not connected on this workstation.`, { psa });
    deps.log.warn('Refresh from the PSA failed', { psa, kind: failure.kind, detail: failure.message });
    throw new DomainError('PSA_REFRESH_FAILED', 'The PSA could not be reached for the refresh.', { psa, kind: failure.kind });
  }
  return psaChanges({ companies: document.snapshot.companies, contacts: await contacts.all() }, now, deps.clock.now().toISOString());
}

import { useTranslation } from 'react-i18next';
import type { PsaErrorView } from '../../shared/psa/errors';

const CREDENTIAL_FIELDS = new Set(['username', 'secret', 'integrationCode', 'site', 'companyId', 'publicKey', 'privateKey', 'clientId']);

/**
 * The core's "Missing: site, companyId." names fields by their internal ids (it has no language): shown by their
 * labels instead, e.g. "Missing: Company ID, Client ID". Anything else is technical detail for support, shown as is.
 */
function missingFields(detail: string | null): string[] | null {
  const names = /^Missing: ([\w, ]+)\.$/.exec(detail ?? '')?.[1]?.split(', ');
  return names?.every((name) => CREDENTIAL_FIELDS.has(name)) ? names : null;
}

/** The seed's message for a PSA failure, what to do about it, and the technical detail for support. */
export function PsaErrorMessage({ error }: { readonly error: PsaErrorView }) {
  const { t } = useTranslation();
  const missing = error.kind === 'credentials-required' ? missingFields(error.detail) : null;
  return (
    <div className="alert" role="alert" data-error-kind={error.kind}>
      <p className="alert-title">{t(`psaErrors.${error.kind}.message`)}</p>
      <p>{t(`psaErrors.${error.kind}.remedy`)}</p>
      {missing ? (
        <p>{t('psa.missingFields', { fields: missing.map((name) => t(`psa.fields.${name}`)).join(', ') })}</p>
      ) : error.detail ? (
        <p className="alert-detail mono">{error.detail}</p>
      ) : null}
    </div>
  );
}

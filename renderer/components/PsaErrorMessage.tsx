import { useTranslation } from 'react-i18next';
import type { PsaErrorView } from '../../shared/psa/errors';

/** The seed's message for a PSA failure, what to do about it, and the technical detail for support. */
export function PsaErrorMessage({ error }: { readonly error: PsaErrorView }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" data-error-kind={error.kind}>
      <p className="alert-title">{t(`psaErrors.${error.kind}.message`)}</p>
      <p>{t(`psaErrors.${error.kind}.remedy`)}</p>
      {error.detail ? <p className="alert-detail mono">{error.detail}</p> : null}
    </div>
  );
}

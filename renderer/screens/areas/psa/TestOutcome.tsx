import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../../../shared/psa/credentials';
import { PsaErrorMessage } from '../../../components/PsaErrorMessage';

export function TestOutcome({ test }: { readonly test: ConnectionTest }) {
  const { t } = useTranslation();
  if (test.outcome === 'failed') return <PsaErrorMessage error={test.error} />;
  return (
    <p className="status ok" role="status">
      {t('psa.testOk', { tenant: test.tenant, count: test.companies })}
    </p>
  );
}

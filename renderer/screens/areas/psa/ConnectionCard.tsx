import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTest, PsaConnectionStatus } from '../../../../shared/psa/credentials';
import { api, unwrap } from '../../../api/client';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/Dialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../app/format';
import { can, canImportFrom } from '../../../app/permissions';
import { useAppStore } from '../../../store';
import { LockNotice } from '../../import/LockNotice';
import { ConnectionForm } from './ConnectionForm';
import { LastImport } from './LastImport';
import { TestOutcome } from './TestOutcome';

interface ConnectionCardProps {
  readonly status: PsaConnectionStatus;
  readonly onChanged: () => void;
}

/** One PSA: its connection state and the actions on it. */
export function ConnectionCard({ status, onChanged }: ConnectionCardProps) {
  const { t, i18n } = useTranslation();
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const mayImport = useAppStore((state) => canImportFrom(state.session, status.psa));
  const mayViewHistory = useAppStore((state) => can(state.session, 'companies:view'));
  const openWizard = useAppStore((state) => state.openWizard);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<ConnectionTest | null>(null);
  const { pending, error, run } = useSubmit();
  const name = t(`psa.${status.psa}`);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('psa.never'));

  const testStored = () =>
    void run(async () => {
      setOutcome(null);
      setOutcome(await unwrap(api().psa.test({ psa: status.psa, credentials: null })));
      onChanged();
    });

  const disconnect = () =>
    void run(async () => {
      await unwrap(api().psa.disconnect({ psa: status.psa }));
      setConfirming(false);
      setOutcome(null);
      onChanged();
    });

  return (
    <section className="panel connection-card" aria-labelledby={`psa-${status.psa}`}>
      <header className="card-header">
        <h2 id={`psa-${status.psa}`}>{name}</h2>
        <span className={status.configured ? 'badge ok' : 'badge'}>{status.configured ? t('psa.connected') : t('psa.notConnected')}</span>
      </header>
      {status.configured ? (
        <dl className="facts">
          <dt>{t('psa.account')}</dt>
          <dd>{status.accountHint}</dd>
          {status.apiBaseUrl ? (
            <>
              <dt>{t('psa.apiUrl')}</dt>
              <dd className="mono">{status.apiBaseUrl}</dd>
            </>
          ) : null}
          <dt>{t('psa.lastVerified')}</dt>
          <dd>{when(status.lastVerifiedAt)}</dd>
          {mayViewHistory ? <LastImport psa={status.psa} /> : null}
          {status.lastError ? (
            <>
              <dt>{t('psa.lastError')}</dt>
              <dd>
                {t(`psaErrors.${status.lastError.kind}.message`)} ({when(status.lastError.at)})
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {status.configured && !status.persisted ? <p className="status warn">{t('psa.sessionOnly')}</p> : null}
      {status.configured && mayImport ? <LockNotice psa={status.psa} /> : null}
      {outcome ? <TestOutcome test={outcome} /> : null}
      <ErrorAlert code={error} />
      {editing ? (
        <ConnectionForm
          psa={status.psa}
          configured={status.configured}
          onCancel={() => setEditing(false)}
          onConnected={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <div className="actions">
          {status.configured && mayImport ? (
            <button type="button" className="primary" onClick={() => openWizard(status.psa)}>
              {t('wizard.importFrom', { psa: name })}
            </button>
          ) : null}
          {status.configured && mayImport ? (
            <button type="button" onClick={testStored} disabled={pending}>
              {pending ? t('psa.testing') : t('psa.testStored')}
            </button>
          ) : null}
          <button type="button" className={status.configured ? '' : 'primary'} onClick={() => setEditing(true)} disabled={!isMaster}>
            {status.configured ? t('psa.edit') : t('psa.connect')}
          </button>
          {status.configured ? (
            <button type="button" className="ghost" onClick={() => setConfirming(true)} disabled={!isMaster}>
              {t('psa.disconnect')}
            </button>
          ) : null}
        </div>
      )}
      {!isMaster ? <p className="muted">{t('psa.onlyMaster')}</p> : null}
      {confirming ? (
        <Dialog title={`${t('psa.disconnect')}: ${name}`} onClose={() => setConfirming(false)} role="alertdialog">
          <p>{t('psa.confirmDisconnect', { psa: name })}</p>
          <div className="actions">
            <button type="button" className="ghost" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={disconnect} disabled={pending}>
              {t('psa.disconnect')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

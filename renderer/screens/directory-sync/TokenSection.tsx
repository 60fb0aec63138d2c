import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../org/ConfirmDialog';
import { useAction } from '../org/use-action';

type Shown = { readonly token: string; readonly copied: boolean };

/**
 * 5. Service token (*Generate and copy*): the headless service acts for the workspace with it. A new token is shown
 * once (copied to the clipboard, or selected in a read-only field when the clipboard refuses) and replaces the old one.
 */
export function TokenSection() {
  const { t, i18n } = useTranslation();
  const info = useAppStore((state) => state.dsSettings?.serviceToken ?? null);
  const changed = useAppStore((state) => state.dsSettingsChanged);
  const load = useAppStore((state) => state.dsLoad);
  const [confirming, setConfirming] = useState<'replace' | 'revoke' | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const { pending, problem, run } = useAction();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shown && !shown.copied) field.current?.select();
  }, [shown]);

  /** Throws when the core refuses: the confirmation shows why and stays open; from the button, `run` shows it. */
  const generate = async () => {
    const fresh = await unwrap(api().directorySync.generateToken());
    let copied = true;
    try {
      await navigator.clipboard.writeText(fresh.token);
    } catch {
      copied = false;
    }
    setShown({ token: fresh.token, copied });
    setConfirming(null);
    await load();
  };

  const revoke = async () => {
    changed(await unwrap(api().directorySync.revokeToken()), 'tokenRevoked');
    setShown(null);
    setConfirming(null);
  };

  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section className="panel" aria-labelledby="ds-token">
      <h2 id="ds-token">{t('directorySync.token.title')}</h2>
      <p className="field-hint">{t('directorySync.token.intro')}</p>
      {info ? (
        <p>
          {t('directorySync.token.info', { when: when(info.createdAt), name: info.createdByName })}{' '}
          {info.lastUsedAt ? t('directorySync.token.lastUsed', { when: when(info.lastUsedAt) }) : t('directorySync.token.neverUsed')}
        </p>
      ) : (
        <p className="muted">{t('directorySync.token.none')}</p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={pending} onClick={() => (info ? setConfirming('replace') : void run(generate))}>
          {t('directorySync.token.generate')}
        </button>
        {info ? (
          <button type="button" className="danger" disabled={pending} onClick={() => setConfirming('revoke')}>
            {t('directorySync.token.revoke')}
          </button>
        ) : null}
      </div>
      <div aria-live="polite">
        {shown ? (
          <div className={shown.copied ? 'status ok' : 'status warn'} role="status">
            <p>{shown.copied ? t('directorySync.token.copied') : t('directorySync.token.copyRefused')}</p>
          </div>
        ) : null}
      </div>
      {shown ? (
        <div className="field">
          <label htmlFor="ds-token-value">{t('directorySync.token.field')}</label>
          <input id="ds-token-value" ref={field} readOnly value={shown.token} spellCheck={false} className="ds-token-value" onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      <h3>{t('directorySync.token.serviceTitle')}</h3>
      <p className="field-hint">{t('directorySync.token.serviceHint')}</p>
      <pre className="ds-command">
        <code>{t('directorySync.token.command')}</code>
      </pre>
      {confirming === 'replace' ? (
        <ConfirmDialog
          title={t('directorySync.token.replaceTitle')}
          body={t('directorySync.token.replaceBody')}
          confirm={t('directorySync.token.replace')}
          cancel={t('common.cancel')}
          danger
          onConfirm={generate}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {confirming === 'revoke' ? (
        <ConfirmDialog
          title={t('directorySync.token.revokeTitle')}
          body={t('directorySync.token.revokeBody')}
          confirm={t('directorySync.token.revoke')}
          cancel={t('common.cancel')}
          danger
          onConfirm={revoke}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}

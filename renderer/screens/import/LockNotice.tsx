import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockStatus } from '../../../shared/import/lock';
import type { PsaKind } from '../../../shared/psa/kinds';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';

/**
 * Who holds a PSA's integration lock, kept current: asked again whenever main says a lock was taken or released,
 * and when the holder's lease would run out (a holder in another process that stops renewing loses it then).
 */
export function useLockStatus(psa: PsaKind): { readonly status: LockStatus | null; readonly refresh: () => void } {
  const [status, setStatus] = useState<LockStatus | null>(null);
  const refresh = useCallback(
    () =>
      void unwrap(api().locks.status({ psa })).then(setStatus, () => {
        // Not known (signed out meanwhile): say nothing rather than something stale.
        setStatus(null);
      }),
    [psa],
  );
  useEffect(() => {
    refresh();
    return api().on('lockChanged', (event) => {
      if (event.psa === psa) refresh();
    });
  }, [psa, refresh]);
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(refresh, Math.max(1_000, status.expiresAtMs - Date.now() + 500));
    return () => clearTimeout(timer);
  }, [status, refresh]);
  return { status, refresh };
}

/**
 * "Locked by X since Y", shown before the technician fills in a filter (the PSA page, the wizard's start);
 * "you, in another window" is told apart from another administrator. Master Administrators may release it,
 * after a confirmation that names whose work is discarded. Nothing is shown for a free lock or this window's own.
 */
export function LockNotice({ psa }: { readonly psa: PsaKind }) {
  const { t, i18n } = useTranslation();
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const { status, refresh } = useLockStatus(psa);
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useSubmit();
  if (!status || status.holder === 'this-window') return null;
  const psaName = t(`psa.${psa}`);
  const since = formatDateTime(status.since, i18n.language);
  const yours = status.holder === 'you-elsewhere';

  const release = () =>
    void run(async () => {
      await unwrap(api().locks.forceRelease({ psa }));
      setConfirming(false);
      refresh();
    });

  return (
    <>
      <div className="confirm lock-notice" role="status">
        <p>{yours ? t('locks.heldByYou', { since, psa: psaName }) : t('locks.heldBy', { name: status.holderName, since, psa: psaName })}</p>
        {isMaster ? (
          <div className="actions">
            <button type="button" className="small" onClick={() => setConfirming(true)}>
              {t('locks.release')}
            </button>
          </div>
        ) : null}
        <ErrorAlert code={error} />
      </div>
      {confirming ? <ReleaseLockDialog psaName={psaName} holderName={status.holderName} yours={yours} busy={pending} onRelease={release} onClose={() => setConfirming(false)} /> : null}
    </>
  );
}

interface ReleaseLockDialogProps {
  readonly psaName: string;
  readonly holderName: string;
  /** The caller's own lock, in another window. */
  readonly yours: boolean;
  readonly busy: boolean;
  readonly onRelease: () => void;
  readonly onClose: () => void;
}

/** "Release the lock?": names whose work is discarded; Escape or *Keep the lock* leaves it. */
export function ReleaseLockDialog({ psaName, holderName, yours, busy, onRelease, onClose }: ReleaseLockDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('locks.releaseTitle', { psa: psaName })} onClose={onClose} role="alertdialog">
      <p>{yours ? t('locks.releaseYours', { psa: psaName }) : t('locks.releaseOther', { name: holderName, psa: psaName })}</p>
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('locks.keep')}
        </button>
        <button type="button" className="danger" onClick={onRelease} disabled={busy}>
          {t('locks.release')}
        </button>
      </div>
    </Dialog>
  );
}

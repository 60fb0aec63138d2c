import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCycle } from '../../../../shared/import/history';
import { api, ApiError, unwrap } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { changeLines } from './history-format';

/** Confirms "Undo this import", naming what will be reversed; a refusal says why, in the user's language. */
export function UndoDialog({ cycle, when, onClose, onUndone }: { readonly cycle: ImportCycle; readonly when: string; readonly onClose: () => void; readonly onUndone: (cycle: ImportCycle) => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const lines = changeLines(t, cycle.counts.changes, 'undo');

  const undo = () => {
    if (pending) return;
    setPending(true);
    setRefusal(null);
    unwrap(api().history.undo({ id: cycle.id }))
      .then(onUndone)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) setRefusal(t('errors.INTERNAL'));
        // Held by this administrator's own import (not "another administrator"): say which, and what to do.
        else if (error.code === 'INTEGRATION_LOCKED' && error.fields['yours'] === 'true') setRefusal(t('history.undoLockedByYou', { psa: t(`psa.${cycle.psa}`) }));
        else setRefusal(t(`errors.${error.code}`, error.fields));
      })
      .finally(() => setPending(false));
  };

  return (
    <Dialog title={t('history.undoTitle', { when })} onClose={onClose} role="alertdialog">
      {lines.length === 0 ? (
        <p>{t('history.undoNothing')}</p>
      ) : (
        <>
          <p>{t('history.undoIntro')}</p>
          <ul className="change-lines">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {refusal ? (
        <div className="alert" role="alert">
          <p>{refusal}</p>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        {/* aria-disabled, not disabled: a disabled button loses focus to <body>, and a refusal would leave the keyboard user nowhere. */}
        <button type="button" className="danger" onClick={undo} aria-disabled={pending || undefined}>
          {pending ? t('history.undoing') : t('history.undoConfirm')}
        </button>
      </div>
    </Dialog>
  );
}

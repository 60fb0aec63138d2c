import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../org/ConfirmDialog';
import { ConnectionSection } from './ConnectionSection';
import { NewTechniciansSection } from './NewTechniciansSection';
import { PairsSection } from './PairsSection';
import { RunSection } from './RunSection';
import { ScheduleSection } from './ScheduleSection';
import { SyncLogSection } from './SyncLogSection';
import { TokenSection } from './TokenSection';
import { useFieldErrors } from './use-field-errors';

/**
 * Settings → Directory sync (Active Directory-synchronisatie), for Master Administrators: the connection, the sync
 * pairs, new technicians' password and licenses, the schedule (one Save for these), the service token, the runs and
 * the sync log. The page scrolls; its tables are virtualized.
 */
export function DirectorySyncArea() {
  const { t } = useTranslation();
  const settings = useAppStore((state) => state.dsSettings);
  const draft = useAppStore((state) => state.dsDraft);
  const loadProblem = useAppStore((state) => state.dsLoadProblem);
  const pendingArea = useAppStore((state) => state.pendingArea);
  const leaveAnyway = useAppStore((state) => state.leaveAnyway);
  const stayHere = useAppStore((state) => state.stayHere);

  useEffect(() => {
    void useAppStore.getState().dsOpen();
    // A run or a settings change here, in another window, by the schedule or by the service: the page follows.
    const off = api().on('directorySyncChanged', () => {
      void useAppStore.getState().dsLoad();
      void useAppStore.getState().dsLoadRuns();
    });
    return () => {
      off();
      // Leaving the area leaves no draft behind to guard (the page reads the saved settings when it opens again).
      useAppStore.getState().dsDiscard();
    };
  }, []);

  return (
    <div className="directory-sync">
      <header className="content-header">
        <h1>{t('directorySync.title')}</h1>
        <p className="muted">{t('directorySync.intro')}</p>
      </header>
      {loadProblem ? <ErrorAlert code={loadProblem.code} fields={loadProblem.fields} /> : null}
      {!settings || !draft ? (
        loadProblem ? null : <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <ConnectionSection />
          <PairsSection />
          <NewTechniciansSection />
          <ScheduleSection />
          <SaveBar />
          <TokenSection />
          <RunSection />
          <SyncLogSection />
        </>
      )}
      {pendingArea ? (
        <ConfirmDialog title={t('org.unsaved.title')} body={t('directorySync.unsavedBody')} confirm={t('org.unsaved.discard')} cancel={t('org.unsaved.keep')} danger onConfirm={leaveAnyway} onCancel={stayHere} />
      ) : null}
    </div>
  );
}

/** One Save for the connection, the pairs, the licenses and the schedule; the default password has its own button. */
function SaveBar() {
  const { t } = useTranslation();
  const dirty = useAppStore((state) => state.unsavedChanges);
  const saving = useAppStore((state) => state.dsSaving);
  const problem = useAppStore((state) => state.dsSaveProblem);
  const notice = useAppStore((state) => state.dsNotice);
  const save = useAppStore((state) => state.dsSave);
  const discard = useAppStore((state) => state.dsDiscard);
  const errors = useFieldErrors();
  const invalid = Object.keys(errors).length > 0;
  return (
    <div className="panel ds-save-bar">
      {invalid ? (
        <p className="field-error" role="alert">
          {t('directorySync.fixErrors')}
        </p>
      ) : null}
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      <p className="muted" role="status">
        {notice ? t(`directorySync.notices.${notice}`) : dirty ? t('directorySync.unsaved') : null}
      </p>
      <div className="actions">
        {dirty ? (
          <button type="button" className="ghost" onClick={discard} disabled={saving}>
            {t('directorySync.discard')}
          </button>
        ) : null}
        <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
          {saving ? t('directorySync.saving') : t('directorySync.save')}
        </button>
      </div>
    </div>
  );
}

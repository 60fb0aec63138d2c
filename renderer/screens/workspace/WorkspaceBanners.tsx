import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TEAM_FAILURE_CODES } from '../../../shared/workspace/connection';
import { api, unwrap } from '../../api/client';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { loadWorkspaceStatus, teamName, type WorkspaceNotice } from '../../store/slices/workspace.slice';
import { WorkspaceDialog } from './WorkspaceDialog';

/** The workspace dialog, wherever it was opened from (Settings, the sign-in screen, a banner). */
export function WorkspaceDialogHost() {
  const dialog = useAppStore((state) => state.workspaceDialog);
  return dialog ? <WorkspaceDialog kind={dialog.kind} /> : null;
}

/** The team workspace chosen last could not be opened at start: said, with the ways on — never silently local. */
export function UnavailableBanner() {
  const { t } = useTranslation();
  const unavailable = useAppStore((state) => state.workspaceStatus?.unavailable ?? null);
  const openDialog = useAppStore((state) => state.openWorkspaceDialog);
  const { pending, error, run } = useSubmit();
  if (!unavailable) return null;
  const retry = () =>
    void run(async () => {
      await unwrap(api().workspace.join({ connection: unavailable.connection, password: null }));
    });
  const stayLocal = () =>
    void run(async () => {
      await unwrap(api().workspace.useLocal());
      await loadWorkspaceStatus(useAppStore);
    });
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{t('workspace.unavailable', { name: teamName(unavailable.connection) })}</p>
      <p>{t(`errors.${TEAM_FAILURE_CODES[unavailable.failure]}`)}</p>
      <p>{t('workspace.unavailableLocal')}</p>
      <ErrorAlert code={error} />
      <div className="actions wrap">
        <button type="button" onClick={retry} disabled={pending}>
          {t('workspace.retry')}
        </button>
        <button type="button" onClick={() => openDialog('join', unavailable.connection)} disabled={pending}>
          {t('workspace.change')}
        </button>
        <button type="button" className="ghost" onClick={stayLocal} disabled={pending}>
          {t('workspace.stayLocal')}
        </button>
      </div>
    </div>
  );
}

function noticeText(notice: WorkspaceNotice, t: TFunction): string {
  switch (notice.kind) {
    case 'switched':
      return t('workspace.switched', { name: notice.name });
    case 'switchedLocal':
      return t('workspace.switchedLocal');
    case 'moved':
      return t('workspace.moved', { rows: notice.rows, tables: notice.tables, file: notice.file });
  }
}

/** Told once after a switch: where this workstation works now. In the page's flow, so it never covers a control. */
export function NoticeBanner() {
  const { t } = useTranslation();
  const notice = useAppStore((state) => state.workspaceNotice);
  const dismiss = useAppStore((state) => state.setWorkspaceNotice);
  if (!notice) return null;
  return (
    <div className="notice workspace-notice" role="status">
      <p>{noticeText(notice, t)}</p>
      <button type="button" className="ghost" onClick={() => dismiss(null)}>
        {t('backgroundError.dismiss')}
      </button>
    </div>
  );
}

/** Under the sign-in and first-run cards: which workspace this is, and the way to another. */
export function AuthWorkspaceLine() {
  const { t } = useTranslation();
  const current = useAppStore((state) => state.workspaceStatus?.current ?? null);
  const openDialog = useAppStore((state) => state.openWorkspaceDialog);
  const { pending, error, run } = useSubmit();
  if (!current) return null;
  return (
    <nav className="auth-workspace" aria-label={t('workspace.title')}>
      <UnavailableBanner />
      <NoticeBanner />
      <p>{current.kind === 'local' ? t('workspace.footerLocal') : t('workspace.footerTeam', { database: current.connection.database, host: current.connection.host })}</p>
      <div className="actions wrap">
        <button type="button" className="ghost" onClick={() => openDialog('join')}>
          {t('workspace.join')}
        </button>
        {current.kind === 'local' ? (
          <button type="button" className="ghost" onClick={() => openDialog('create')}>
            {t('workspace.create')}
          </button>
        ) : (
          <button type="button" className="ghost" onClick={() => void run(async () => void (await unwrap(api().workspace.useLocal())))} disabled={pending}>
            {t('workspace.useLocal')}
          </button>
        )}
      </div>
      <ErrorAlert code={error} />
    </nav>
  );
}

/** In the side navigation: which workspace this is, always in sight, and the notice after a switch. */
export function SidebarWorkspace() {
  const { t } = useTranslation();
  const status = useAppStore((state) => state.workspaceStatus);
  if (!status) return null;
  const { current } = status;
  return (
    <div className="sidebar-workspace">
      <p className="muted">{current.kind === 'local' ? t('workspace.footerLocal') : t('workspace.footerTeam', { database: current.connection.database, host: current.connection.host })}</p>
      {status.unavailable ? <p className="status warn">{t('workspace.unavailable', { name: teamName(status.unavailable.connection) })}</p> : null}
      <NoticeBanner />
    </div>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RememberedTeam } from '../../../shared/workspace/connection';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { loadWorkspaceStatus } from '../../store/slices/workspace.slice';
import { UnavailableBanner } from './WorkspaceBanners';

/** Settings → Workspace: what this workstation has open, and the other workspaces it can open. */
export function WorkspacePanel() {
  const { t, i18n } = useTranslation();
  const status = useAppStore((state) => state.workspaceStatus);
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const openDialog = useAppStore((state) => state.openWorkspaceDialog);
  const { pending, error, run } = useSubmit();
  // Another window may have changed what is remembered (a team joined, a password stored) since this one booted.
  useEffect(() => void loadWorkspaceStatus(useAppStore), []);
  if (!status) return null;
  const { current } = status;
  const others = status.teams.filter((team) => current.kind === 'local' || team.key !== current.key);

  const open = (team: RememberedTeam) =>
    void run(async () => {
      if (!team.hasPassword) return openDialog('join', team.connection);
      try {
        await unwrap(api().workspace.join({ connection: team.connection, password: null }));
      } catch (caught) {
        // The stored password no longer works (changed on the server): ask for it with the rest filled in.
        if (caught instanceof ApiError && caught.code === 'WORKSPACE_AUTH_FAILED') return openDialog('join', team.connection);
        throw caught;
      }
    });

  return (
    <section className="panel" aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">{t('workspace.title')}</h2>
      <UnavailableBanner />
      {current.kind === 'local' ? (
        <>
          <p data-testid="workspace-current">{t('workspace.localNow')}</p>
          <dl className="facts">
            <dt>{t('workspace.file')}</dt>
            <dd className="mono">{current.file}</dd>
          </dl>
        </>
      ) : (
        <>
          <p data-testid="workspace-current">{t('workspace.teamNow', { ...current.connection })}</p>
          <dl className="facts">
            <dt>{t('workspace.tlsNow')}</dt>
            <dd>{t(`workspace.form.tlsModes.${current.connection.tls}`)}</dd>
          </dl>
        </>
      )}
      <p className="field-hint">{t('workspace.teamIntro')}</p>
      <div className="actions wrap">
        <button type="button" onClick={() => openDialog('join')}>
          {t('workspace.join')}
        </button>
        {current.kind === 'local' ? (
          <>
            <button type="button" onClick={() => openDialog('create')}>
              {t('workspace.create')}
            </button>
            {isMaster ? (
              <button type="button" onClick={() => openDialog('move')}>
                {t('workspace.move')}
              </button>
            ) : null}
          </>
        ) : (
          <button type="button" onClick={() => void run(async () => void (await unwrap(api().workspace.useLocal())))} disabled={pending}>
            {t('workspace.useLocal')}
          </button>
        )}
      </div>
      <ErrorAlert code={error} />
      {others.length > 0 ? (
        <>
          <h3>{t('workspace.remembered')}</h3>
          <ul className="remembered-workspaces">
            {others.map((team) => (
              <li key={team.key}>
                <span>
                  <strong>{`${team.connection.database} @ ${team.connection.host}:${team.connection.port}`}</strong>
                  <span className="field-hint">
                    {' · '}
                    {team.connection.user}
                    {' · '}
                    {team.lastOpenedAt ? t('workspace.lastOpened', { when: formatDateTime(team.lastOpenedAt, i18n.language) }) : t('workspace.neverOpened')}
                  </span>
                </span>
                <button type="button" onClick={() => open(team)} disabled={pending} aria-label={`${t('workspace.open')}: ${team.connection.database} @ ${team.connection.host}`}>
                  {t('workspace.open')}
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => void run(async () => void useAppStore.getState().setWorkspaceStatus(await unwrap(api().workspace.forget({ key: team.key }))))}
                  disabled={pending}
                  aria-label={`${t('workspace.forget')}: ${team.connection.database} @ ${team.connection.host}`}
                >
                  {t('workspace.forget')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="field-hint">{t('workspace.switchWarning')}</p>
    </section>
  );
}


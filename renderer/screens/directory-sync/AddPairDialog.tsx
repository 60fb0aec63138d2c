import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryGroup } from '../../../shared/directory-sync/schemas';
import { api, unwrap, ApiError } from '../../api/client';
import { matchesSearch } from '../../app/search';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { DirectorySyncProblem } from '../../store/slices/directory-sync.slice';
import { useAppStore } from '../../store';
import type { GroupPath } from './group-paths';
import { connectionFromDraft } from './sync-draft';

/** Typing pauses this long before the directory is asked (one search per pause, not per key). */
export const GROUP_SEARCH_DELAY_MS = 300;

type Found = { readonly groups: readonly DirectoryGroup[]; readonly truncated: boolean };

/**
 * Add pair: a directory group, searched in the directory with the form's connection (saved or not), and a technician
 * group of the workspace. Both lists are radio groups: one Tab stop each, the arrow keys choose.
 */
export function AddPairDialog({ paths, onClose }: { readonly paths: readonly GroupPath[]; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const connectionDraft = useAppStore((state) => state.dsDraft?.connection);
  const passwordSaved = useAppStore((state) => state.dsSettings?.bindPasswordSaved ?? false);
  const addPair = useAppStore((state) => state.dsAddPair);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<DirectorySyncProblem | null>(null);
  const [source, setSource] = useState<DirectoryGroup | null>(null);
  const [destinationSearch, setDestinationSearch] = useState('');
  const [destination, setDestination] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  const searchId = useId();
  const destinationSearchId = useId();
  const checked = useMemo(() => (connectionDraft ? connectionFromDraft(connectionDraft, passwordSaved) : null), [connectionDraft, passwordSaved]);
  const connection = checked?.connection ?? null;
  const bindPassword = checked && checked.connection ? checked.bindPassword : null;
  // The connection is compared by value (the draft is a new object whenever anything in the form changes); the
  // search reads the latest one from here.
  const latest = useRef({ connection, bindPassword });
  useEffect(() => {
    latest.current = { connection, bindPassword };
  });
  const connectionKey = connection ? JSON.stringify([connection, bindPassword]) : null;

  useEffect(() => {
    const { connection, bindPassword } = latest.current;
    if (!connection || connectionKey === null) return;
    let live = true;
    const timer = setTimeout(() => {
      setSearching(true);
      setProblem(null);
      unwrap(api().directorySync.groups({ connection, bindPassword, search: search.trim() }))
        .then(
          (answer) => {
            if (live) setFound(answer);
          },
          (error: unknown) => {
            if (live) setProblem(error instanceof ApiError ? { code: error.code, fields: error.fields } : { code: 'INTERNAL', fields: {} });
          },
        )
        .finally(() => {
          if (live) setSearching(false);
        });
    }, GROUP_SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [connectionKey, search]);

  const destinations = paths.filter((group) => matchesSearch(group.label, destinationSearch));
  const add = () => {
    setTried(true);
    if (!source || destination === null) return;
    addPair({ sourceDn: source.dn, sourceName: source.name, groupId: destination });
    onClose();
  };

  return (
    <Dialog title={t('directorySync.addPair.title')} onClose={onClose}>
      <div className="ds-pair-columns">
        <fieldset className="plain">
          <legend>{t('directorySync.addPair.sourceList')}</legend>
          {!connection ? (
            <p className="muted">{t('directorySync.addPair.needConnection')}</p>
          ) : (
            <>
              <div className="field">
                <label htmlFor={searchId}>{t('directorySync.addPair.search')}</label>
                <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} spellCheck={false} autoFocus />
              </div>
              <div aria-live="polite">
                {searching ? <p className="muted">{t('directorySync.addPair.searching')}</p> : null}
                {found && !searching && found.groups.length === 0 ? <p className="muted">{t('directorySync.addPair.noGroups')}</p> : null}
                {found?.truncated ? <p className="field-hint">{t('directorySync.addPair.truncated')}</p> : null}
              </div>
              <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
              <div className="ds-pick-list">
                {(found?.groups ?? []).map((group) => (
                  <label key={group.dn} className="check" title={group.dn}>
                    <input type="radio" name={`${searchId}-source`} checked={source?.dn === group.dn} onChange={() => setSource(group)} />
                    <span>
                      {group.name}
                      {group.description ? <span className="muted"> · {group.description}</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            </>
          )}
        </fieldset>
        <fieldset className="plain">
          <legend>{t('directorySync.addPair.destinationList')}</legend>
          <div className="field">
            <label htmlFor={destinationSearchId}>{t('directorySync.addPair.searchDestination')}</label>
            <input id={destinationSearchId} type="search" value={destinationSearch} onChange={(event) => setDestinationSearch(event.target.value)} spellCheck={false} />
          </div>
          {destinations.length === 0 ? <p className="muted">{t('directorySync.addPair.noDestination')}</p> : null}
          <div className="ds-pick-list">
            {destinations.map((group) => (
              <label key={group.id} className="check">
                <input type="radio" name={`${searchId}-destination`} checked={destination === group.id} onChange={() => setDestination(group.id)} />
                {group.label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {tried && (!source || destination === null) ? (
        <p className="field-error" role="alert">
          {t('directorySync.addPair.chooseBoth')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={add}>
          {t('directorySync.addPair.add')}
        </button>
      </div>
    </Dialog>
  );
}

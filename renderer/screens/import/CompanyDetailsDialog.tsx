import { useEffect, useMemo, useState } from 'react';
import { Header, ListBox, ListBoxItem, ListBoxSection, Text, type Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ManagedCompany } from '../../../shared/directory/schemas';
import { sortByText } from '../../../shared/i18n/collate';
import { MAX_NOTE_LENGTH } from '../../../shared/import/draft';
import type { ImportCompanyRow } from '../../../shared/import/session';
import { formatDate, formatNumber } from '../../app/format';
import { matchesSearch } from '../../app/search';
import { Dialog } from '../../components/Dialog';
import type { CompanyChoice } from './plan-builder';
import { useWizardSources } from './wizard-sources';

/** At most this many search matches are listed; the search narrows them. */
const MAX_MATCHES = 50;

/**
 * "Manage" → Company details: use an existing managed company, or (un)map and create a new one. Each candidate
 * says what tells namesakes apart: its PSA ids, where it came from, its users and its last import. On a mapped
 * company the current mapping comes first.
 */
export function CompanyDetailsDialog({
  row,
  psaName,
  current,
  note: savedNote,
  onSave,
  onClose,
}: {
  readonly row: ImportCompanyRow;
  readonly psaName: string;
  readonly current: CompanyChoice | null;
  /** The technician's note on the company (travels with a saved preview). */
  readonly note: string;
  /** The choice (null: none made, only the note changed) and the note. */
  readonly onSave: (choice: CompanyChoice | null, note: string) => void;
  readonly onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [companies, setCompanies] = useState<ManagedCompany[] | null>(null);
  const [search, setSearch] = useState(row.name);
  const [picked, setPicked] = useState<{ id: string; name: string } | 'new' | null>(current?.kind === 'map' ? { id: current.managedCompanyId, name: current.managedCompanyName } : current?.kind === 'create' ? 'new' : null);
  const [updateName, setUpdateName] = useState(current?.kind === 'map' && current.updateName === true);
  const [note, setNote] = useState(savedNote);
  // In the language's order (Çelik with C), not SQLite's: the first matches shown are the first by name.
  const sources = useWizardSources();
  useEffect(() => void sources.companies().then((loaded) => setCompanies(sortByText(loaded, (company) => company.name, i18n.language))), [sources, i18n.language]);
  const replacing = row.status === 'mapped' && row.managedCompany ? row.managedCompany.id : undefined;
  const mappedNow = useMemo(() => (replacing ? (companies ?? []).find((company) => company.id === replacing) : undefined), [companies, replacing]);
  const matches = useMemo(() => (companies ?? []).filter((company) => company.id !== replacing && matchesSearch(company.name, search)).slice(0, MAX_MATCHES), [companies, search, replacing]);

  const save = () => {
    if (picked === null) {
      onSave(null, note);
      return;
    }
    const moving = replacing && (picked === 'new' || picked.id !== replacing) ? { replacing } : {};
    const rename = picked !== 'new' && picked.id === replacing && row.renamedFrom !== null && updateName ? { updateName: true as const } : {};
    onSave(picked === 'new' ? { kind: 'create', ...moving } : { kind: 'map', managedCompanyId: picked.id, managedCompanyName: picked.name, ...moving, ...rename }, note);
  };

  const selectedKeys = picked && picked !== 'new' ? [picked.id] : [];
  const select = (keys: Selection) => {
    const id = keys === 'all' ? undefined : [...keys][0];
    const company = (companies ?? []).find((candidate) => candidate.id === id);
    if (company) setPicked({ id: company.id, name: company.name });
  };

  /** What tells namesakes apart, on one line. */
  const details = (company: ManagedCompany) =>
    sources.offline ? [company.mappings.length > 0 ? company.mappings.map((mapping) => t('decisions.psaId', { psa: t(`psa.${mapping.psa}`), id: mapping.psaCompanyId })).join(', ') : t('decisions.notMapped'), t('review.knownFromPreview')].join(' · ') : [
      company.mappings.length > 0 ? company.mappings.map((mapping) => t('decisions.psaId', { psa: t(`psa.${mapping.psa}`), id: mapping.psaCompanyId })).join(', ') : t('decisions.notMapped'),
      t(`decisions.origin.${company.origin}`),
      t('decisions.users', { count: company.users, formatted: formatNumber(company.users, i18n.language) }),
      company.lastImportedAt
        ? t('decisions.lastImport', { date: formatDate(company.lastImportedAt, i18n.language) })
        : t('decisions.createdOn', { date: formatDate(company.createdAt, i18n.language) }),
    ].join(' · ');

  const option = (company: ManagedCompany) => (
    <ListBoxItem key={company.id} id={company.id} textValue={company.name} className="pick-option">
      <Text slot="label" className="pick-name">
        {company.name}
      </Text>
      <Text slot="description" className="pick-details">
        {details(company)}
      </Text>
    </ListBoxItem>
  );

  return (
    <Dialog title={`${t('wizard.companyDetails')}: ${row.name}`} onClose={onClose}>
      <input type="search" className="search" aria-label={t('wizard.searchManaged')} placeholder={t('wizard.searchManaged')} value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
      {companies === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <ListBox
          aria-label={t('decisions.candidates')}
          className="pick-list"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={selectedKeys}
          onSelectionChange={select}
          renderEmptyState={() => <p className="muted pick-empty">{companies.length === 0 ? t('decisions.noCompanies') : t('decisions.noMatches', { search })}</p>}
        >
          {mappedNow ? (
            <ListBoxSection id="current">
              <Header className="pick-header">{t('decisions.currentMapping')}</Header>
              {option(mappedNow)}
            </ListBoxSection>
          ) : null}
          {mappedNow && matches.length > 0 ? (
            <ListBoxSection id="matches">
              <Header className="pick-header">{t('decisions.candidates')}</Header>
              {matches.map(option)}
            </ListBoxSection>
          ) : (
            matches.map(option)
          )}
        </ListBox>
      )}
      {companies !== null && mappedNow && matches.length === 0 && search.trim() !== '' ? <p className="muted">{t('decisions.noMatches', { search })}</p> : null}
      {row.renamedFrom !== null && picked !== 'new' && picked?.id === replacing ? (
        <label className="checkbox">
          <input type="checkbox" checked={updateName} onChange={(event) => setUpdateName(event.target.checked)} />
          <span>
            {t('decisions.updateName')} ({t('decisions.renamed', { psa: psaName, from: row.renamedFrom, to: row.name })})
          </span>
        </label>
      ) : null}
      <button type="button" className={picked === 'new' ? 'chosen' : ''} aria-pressed={picked === 'new'} onClick={() => setPicked('new')}>
        {replacing ? t('wizard.unmapCreate') : t('wizard.createNew')}
      </button>
      <p className="muted" role="status">
        {picked === null ? '' : t('decisions.chosen', { choice: picked === 'new' ? (replacing ? t('wizard.unmapCreate') : t('wizard.createNew')) : t('wizard.actionMap', { name: picked.name }) })}
      </p>
      <label className="field note-field">
        <span>{t('review.note')}</span>
        <textarea value={note} maxLength={MAX_NOTE_LENGTH} rows={2} onChange={(event) => setNote(event.target.value)} />
        <span className="muted">{t('review.noteHelp')}</span>
      </label>
      <div className="actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={save} disabled={picked === null && note === savedNote}>
          {t('common.save')}
        </button>
      </div>
    </Dialog>
  );
}

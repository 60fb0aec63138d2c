import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/result';
import type { TechnicianGroup } from '../../../shared/org/schemas';
import {
  MAX_TECHNICIAN_FILE_BYTES,
  MAX_TECHNICIANS_PER_FILE,
  TECHNICIAN_FILE_HEADERS,
  type CsvDelimiter,
  type FileProblem,
  type ImportRowOutcome,
  type TechnicianImportSummary,
} from '../../../shared/org/technician-import';
import { ApiError, api, unwrap } from '../../api/client';
import { downloadCsv } from '../../app/download-csv';
import { displayLocale } from '../../app/format';
import { matchesSearch } from '../../app/search';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadText } from './download-text';
import { sampleCsv, sampleJson, summaryCsvRows, toBase64 } from './sample-files';

interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly contentBase64: string;
}

interface Refusal {
  readonly problem: FileProblem;
  readonly line: string | null;
  readonly header: string | null;
}

type Filter = 'all' | ImportRowOutcome['outcome'];

const DELIMITERS: readonly { readonly value: CsvDelimiter; readonly key: 'delimiterComma' | 'delimiterSemicolon' | 'delimiterTab' }[] = [
  { value: ',', key: 'delimiterComma' },
  { value: ';', key: 'delimiterSemicolon' },
  { value: '\t', key: 'delimiterTab' },
];

/** "Parent / Child": a group's place in the tree, so two "Night shift" groups can be told apart. */
function groupPaths(groups: readonly TechnicianGroup[]): { id: number; label: string }[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  const path = (group: TechnicianGroup, depth = 0): string => {
    const parent = group.parentId === null ? undefined : byId.get(group.parentId);
    return parent && depth < 50 ? `${path(parent, depth + 1)} / ${group.name}` : group.name;
  };
  return groups.map((group) => ({ id: group.id, label: path(group) })).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Import technicians (Technici importeren), for Master Administrators: choose the target group or none, download a
 * sample, upload a CSV or JSON file, start the import, and read (and download) the import summary. The file's
 * bytes go to the core as they are: it is read there, never here.
 */
export function TechnicianImportPage() {
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<TechnicianGroup[]>([]);
  const [forceChange, setForceChange] = useState<boolean | null>(null);
  const [groupInput, setGroupInput] = useState('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(',');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<EventPayload<'technicianImportProgress'> | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [summary, setSummary] = useState<TechnicianImportSummary | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const fileInput = useRef<HTMLInputElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const refusalBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void unwrap(api().org.tree()).then((tree) => setGroups(tree.groups), () => setGroups([]));
    void unwrap(api().org.settings()).then((settings) => setForceChange(settings.passwordPolicy.adminChangesForceChange), () => setForceChange(null));
  }, []);
  useEffect(() => (running ? api().on('technicianImportProgress', setProgress) : undefined), [running]);
  useEffect(() => {
    if (summary) summaryHeading.current?.focus();
  }, [summary]);
  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);

  const number = new Intl.NumberFormat(displayLocale(i18n.language));
  const paths = useMemo(() => groupPaths(groups), [groups]);
  const matches = paths.filter((group) => matchesSearch(group.label, groupInput));
  const sampleGroup = groupId ?? paths[0]?.id ?? 1;
  const groupLabel = (id: number | null) => (id === null ? '' : (paths.find((group) => group.id === id)?.label ?? String(id)));

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setRefusal(null);
    setError(null);
    if (!chosen) return setFile(null);
    // Far larger than any file of 500 technicians: said here without sending it (the core refuses it too).
    if (chosen.size > MAX_TECHNICIAN_FILE_BYTES) {
      setFile(null);
      return setRefusal({ problem: 'too-large', line: null, header: null });
    }
    try {
      setFile({ name: chosen.name, size: chosen.size, contentBase64: toBase64(new Uint8Array(await chosen.arrayBuffer())) });
    } catch {
      setFile(null);
      setError('INTERNAL');
    }
  };

  const start = async () => {
    if (!file) return;
    setRunning(true);
    setCancelling(false);
    setProgress(null);
    setRefusal(null);
    setError(null);
    try {
      const result = await unwrap(api().org.importTechnicians({ fileName: file.name, contentBase64: file.contentBase64, targetGroupId: groupId, delimiter }));
      setFilter('all');
      setSummary(result);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'TECH_IMPORT_FILE_REFUSED') {
        setRefusal({ problem: (caught.fields['problem'] ?? 'malformed') as FileProblem, line: caught.fields['line'] ?? null, header: caught.fields['header'] ?? null });
      } else setError(caught instanceof ApiError ? caught.code : 'INTERNAL');
    } finally {
      setRunning(false);
    }
  };

  const cancel = () => {
    setCancelling(true);
    void unwrap(api().org.cancelTechnicianImport()).catch(() => setCancelling(false));
  };

  const again = () => {
    setSummary(null);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const reason = (row: ImportRowOutcome) => {
    if (!row.problem) return '';
    const text = t(`techImport.rowProblem.${row.problem}`);
    return row.column ? t('techImport.reasonInColumn', { column: row.column, reason: text }) : text;
  };

  if (summary) {
    const shown = summary.rows.filter((row) => filter === 'all' || row.outcome === filter);
    const lineHeader = summary.format === 'json' ? t('techImport.colItem') : t('techImport.colLine');
    const download = () =>
      downloadCsv(
        summaryCsvRows(summary.rows, {
          line: lineHeader,
          name: t('techImport.colName'),
          email: t('techImport.colEmail'),
          group: t('techImport.colGroup'),
          outcome: t('techImport.colOutcome'),
          reason: t('techImport.colReason'),
          outcomeOf: (row) => t(`techImport.outcome_${row.outcome}`),
          reasonOf: reason,
        }),
        t('techImport.csvFileName'),
      );
    const delimiterName = DELIMITERS.find((entry) => entry.value === summary.delimiter)?.key;
    return (
      <>
        <header className="content-header">
          <h1 tabIndex={-1} ref={summaryHeading}>
            {t('techImport.summaryTitle')}
          </h1>
          <p className="muted">
            {t('techImport.summaryOf', { name: summary.fileName })} · {delimiterName ? t('techImport.readWith', { delimiter: t(`techImport.${delimiterName}`) }) : t('techImport.readAsJson')}
          </p>
        </header>
        <ul className="tech-import-counts" aria-label={t('techImport.summaryTitle')}>
          <li className="count-created">{t('techImport.created', { count: summary.created })}</li>
          <li className="count-present">{t('techImport.present', { count: summary.present })}</li>
          <li className="count-failed">{t('techImport.failed', { count: summary.failed })}</li>
        </ul>
        <div className="table-toolbar">
          <label className="inline-form">
            {t('techImport.filterLabel')}
            <select value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
              <option value="all">{t('techImport.filterAll')}</option>
              <option value="created">{t('techImport.filterCreated')}</option>
              <option value="present">{t('techImport.filterPresent')}</option>
              <option value="failed">{t('techImport.filterFailed')}</option>
            </select>
          </label>
          <span className="muted" aria-live="polite">
            {t('techImport.shownRows', { count: shown.length })}
          </span>
          <button type="button" onClick={download}>
            {t('techImport.downloadSummary')}
          </button>
          <button type="button" className="primary" onClick={again}>
            {t('techImport.importAnother')}
          </button>
        </div>
        <div className="tech-import-table">
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">{lineHeader}</th>
                <th scope="col">{t('techImport.colName')}</th>
                <th scope="col">{t('techImport.colEmail')}</th>
                <th scope="col">{t('techImport.colGroup')}</th>
                <th scope="col">{t('techImport.colOutcome')}</th>
                <th scope="col">{t('techImport.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.line} className={`outcome-${row.outcome}`}>
                  <td>{number.format(row.line)}</td>
                  <td>{row.name}</td>
                  <td>{row.email}</td>
                  <td>{groupLabel(row.groupId)}</td>
                  <td>{t(`techImport.outcome_${row.outcome}`)}</td>
                  <td>{reason(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  const problemText = refusal ? t(`techImport.fileProblem.${refusal.problem}`, { header: refusal.header ?? '' }) : '';
  return (
    <>
      <header className="content-header">
        <h1>{t('techImport.title')}</h1>
        <p className="muted">{t('techImport.intro')}</p>
      </header>
      <section className="panel tech-import-note" aria-labelledby="tech-import-note">
        <h2 id="tech-import-note">{t('techImport.noteTitle')}</h2>
        <p>{t('techImport.note')}</p>
        {forceChange === null ? null : <p className={forceChange ? 'badge ok' : 'badge warn'}>{forceChange ? t('techImport.forceChangeOn') : t('techImport.forceChangeOff')}</p>}
      </section>

      <section className="panel" aria-labelledby="tech-import-group">
        <h2 id="tech-import-group">{t('techImport.stepGroup')}</h2>
        <ComboBox
          className="user-combo"
          items={matches}
          inputValue={groupInput}
          onInputChange={(value) => {
            setGroupInput(value);
            if (value.trim() === '') setGroupId(null);
          }}
          selectedKey={groupId}
          onSelectionChange={(key: Key | null) => {
            const chosen = paths.find((group) => group.id === key);
            setGroupId(chosen ? chosen.id : null);
            if (chosen) setGroupInput(chosen.label);
          }}
          allowsEmptyCollection
          menuTrigger="focus"
          isDisabled={running}
        >
          <Label>{t('techImport.groupLabel')}</Label>
          <div className="combo-field">
            <Input placeholder={t('techImport.groupPlaceholder')} />
            <Button aria-label={t('techImport.groupPlaceholder')}>▾</Button>
          </div>
          <Text slot="description" className="field-hint">
            {t('techImport.groupHelp')}
          </Text>
          <Popover className="combo-popover">
            <ListBox className="pick-list" renderEmptyState={() => <p className="muted pick-empty">{t('techImport.groupNone')}</p>}>
              {(group: { id: number; label: string }) => (
                <ListBoxItem id={group.id} textValue={group.label} className="pick-option">
                  {group.label} <span className="muted">{t('techImport.groupIdHint', { id: group.id })}</span>
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </ComboBox>
      </section>

      <section className="panel" aria-labelledby="tech-import-sample">
        <h2 id="tech-import-sample">{t('techImport.stepSample')}</h2>
        <p className="field-hint">{t('techImport.sampleHelp', { headers: TECHNICIAN_FILE_HEADERS.join(', ') })}</p>
        <div className="actions">
          <label className="inline-form">
            {t('techImport.delimiterLabel')}
            <select value={delimiter} onChange={(event) => setDelimiter(event.target.value as CsvDelimiter)} disabled={running}>
              {DELIMITERS.map((entry) => (
                <option key={entry.key} value={entry.value}>
                  {t(`techImport.${entry.key}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => downloadText(sampleCsv(delimiter, sampleGroup), 'technicians-sample.csv', 'text/csv;charset=utf-8')}>
            {t('techImport.downloadCsvSample')}
          </button>
          <button type="button" onClick={() => downloadText(sampleJson(sampleGroup), 'technicians-sample.json', 'application/json;charset=utf-8')}>
            {t('techImport.downloadJsonSample')}
          </button>
        </div>
      </section>

      <section className="panel" aria-labelledby="tech-import-file">
        <h2 id="tech-import-file">{t('techImport.stepFile')}</h2>
        <div className="field">
          <label htmlFor="tech-import-upload">{t('techImport.uploadFile')}</label>
          <input
            id="tech-import-upload"
            ref={fileInput}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(event) => void pick(event)}
            disabled={running}
            aria-describedby="tech-import-file-help"
          />
          <p id="tech-import-file-help" className="field-hint">
            {t('techImport.fileHelp', { max: MAX_TECHNICIANS_PER_FILE })}
          </p>
          <p className="muted" aria-live="polite">
            {file ? t('techImport.fileChosen', { name: file.name, size: `${number.format(Math.ceil(file.size / 1024))} KB` }) : t('techImport.noFile')}
          </p>
        </div>
        {refusal ? (
          <div className="alert" role="alert" tabIndex={-1} ref={refusalBox}>
            <p className="alert-title">{t('techImport.refusedTitle')}</p>
            <p>{refusal.line ? t('techImport.refusedAtLine', { line: refusal.line, problem: problemText }) : problemText}</p>
          </div>
        ) : null}
        <ErrorAlert code={error} />
        {running ? (
          <div className="tech-import-progress">
            <progress aria-label={t('techImport.progressLabel')} max={progress?.total || undefined} value={progress && progress.total ? progress.done : undefined} />
            <p aria-live="polite">{progress ? t(`techImport.stage_${progress.stage}`, { done: progress.done, total: progress.total }) : t('techImport.stage_reading')}</p>
            <button type="button" onClick={cancel} disabled={cancelling || progress?.stage === 'writing'}>
              {cancelling ? t('techImport.cancelling') : t('techImport.cancel')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="primary" onClick={() => void start()} disabled={!file}>
              {t('techImport.start')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}

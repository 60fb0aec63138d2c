import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TechnicianGroup } from '../../../shared/org/schemas';
import {
  MAX_TECHNICIANS_PER_FILE,
  TECHNICIAN_FILE_HEADERS,
  type CsvDelimiter,
  type ImportRowOutcome,
} from '../../../shared/org/technician-import';
import { api, unwrap } from '../../api/client';
import { downloadCsv } from '../../app/download-csv';
import { displayLocale } from '../../app/format';
import { matchesSearch } from '../../app/search';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { downloadText } from './download-text';
import { sampleCsv, sampleJson, summaryCsvRows, toBase64 } from './sample-files';

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
  const [groupInput, setGroupInput] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const groupId = useAppStore((state) => state.techImportGroupId);
  const delimiter = useAppStore((state) => state.techImportDelimiter);
  const file = useAppStore((state) => state.techImportFile);
  const checked = useAppStore((state) => state.techImportCheck);
  const busy = useAppStore((state) => state.techImportBusy);
  const cancelling = useAppStore((state) => state.techImportCancelling);
  const progress = useAppStore((state) => state.techImportProgress);
  const refusal = useAppStore((state) => state.techImportRefusal);
  const error = useAppStore((state) => state.techImportError);
  const summary = useAppStore((state) => state.techImportSummary);
  const open = useAppStore((state) => state.techImportOpen);
  const setGroupId = useAppStore((state) => state.techImportSetGroup);
  const setDelimiter = useAppStore((state) => state.techImportSetDelimiter);
  const pickFile = useAppStore((state) => state.techImportPick);
  const start = useAppStore((state) => state.techImportStart);
  const cancel = useAppStore((state) => state.techImportCancel);
  const progressed = useAppStore((state) => state.techImportProgressed);
  const reset = useAppStore((state) => state.techImportReset);
  const fileInput = useRef<HTMLInputElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const checkedBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    open();
    void unwrap(api().org.tree()).then((tree) => setGroups(tree.groups), () => setGroups([]));
    void unwrap(api().org.settings()).then((settings) => setForceChange(settings.passwordPolicy.adminChangesForceChange), () => setForceChange(null));
  }, [open]);
  useEffect(() => (busy ? api().on('technicianImportProgress', progressed) : undefined), [busy, progressed]);
  useEffect(() => {
    if (summary) summaryHeading.current?.focus();
  }, [summary]);
  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);
  useEffect(() => {
    // The keyboard goes on to what the check found, and from there to Start import.
    if (checked) checkedBox.current?.focus();
  }, [checked]);
  useEffect(() => {
    // A file the page let go of (cancelled, imported) is not left showing in the picker.
    if (!file && fileInput.current) fileInput.current.value = '';
  }, [file]);

  const number = new Intl.NumberFormat(displayLocale(i18n.language));
  const paths = useMemo(() => groupPaths(groups), [groups]);
  const groupLabel = (id: number | null) => (id === null ? '' : (paths.find((group) => group.id === id)?.label ?? String(id)));
  // Until typed in, the box shows the chosen group (kept when the page is left and opened again).
  const groupText = groupInput ?? groupLabel(groupId);
  const matches = paths.filter((group) => matchesSearch(group.label, groupText));
  const sampleGroup = groupId ?? paths[0]?.id ?? 1;

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    void pickFile(chosen ? { name: chosen.name, size: chosen.size, read: async () => toBase64(new Uint8Array(await chosen.arrayBuffer())) } : null);
  };

  const again = () => {
    setFilter('all');
    reset();
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
          inputValue={groupText}
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
          isDisabled={busy === 'importing'}
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
            <select value={delimiter} onChange={(event) => void setDelimiter(event.target.value as CsvDelimiter)} disabled={busy !== null}>
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
            onChange={pick}
            disabled={busy !== null}
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
        {checked && !busy ? (
          <div className="tech-import-checked" role="group" aria-labelledby="tech-import-checked" tabIndex={-1} ref={checkedBox}>
            <p id="tech-import-checked" className="alert-title">
              {t('techImport.checkedTitle')}
            </p>
            <ul className="tech-import-counts">
              <li>{t('techImport.checkedRows', { count: checked.rows })}</li>
              {checked.present ? <li className="count-present">{t('techImport.present', { count: checked.present })}</li> : null}
              {checked.invalid ? <li className="count-failed">{t('techImport.checkedInvalid', { count: checked.invalid })}</li> : null}
              {checked.weakPasswords ? <li className="count-failed">{t('techImport.checkedWeak', { count: checked.weakPasswords })}</li> : null}
            </ul>
            <p className="field-hint">{t('techImport.checkedHint')}</p>
          </div>
        ) : null}
        {busy ? (
          <div className="tech-import-progress">
            <progress aria-label={t('techImport.progressLabel')} max={progress?.total || undefined} value={progress && progress.total ? progress.done : undefined} />
            <p aria-live="polite">{progress ? t(`techImport.stage_${progress.stage}`, { done: progress.done, total: progress.total }) : t('techImport.stage_reading')}</p>
            <button type="button" onClick={cancel} disabled={cancelling || progress?.stage === 'writing'}>
              {cancelling ? t('techImport.cancelling') : busy === 'checking' ? t('techImport.cancelCheck') : t('techImport.cancel')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="primary" onClick={() => void start()} disabled={!checked}>
              {t('techImport.start')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}

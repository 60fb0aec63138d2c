import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PSA_FILTER, type FilterAttribute, type FilterKey, type PsaFilter } from '../../../shared/psa/filters';
import { sortByText } from '../../../shared/i18n/collate';
import type { PsaErrorView } from '../../../shared/psa/errors';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { CompanyCountResult } from '../../../shared/psa/fetch-events';
import { api, unwrap } from '../../api/client';
import { displayLocale } from '../../app/format';
import { matchesSearch } from '../../app/search';
import { PsaErrorMessage } from '../../components/PsaErrorMessage';
import { NoMatch } from '../../components/NoMatch';

interface FilterStepProps {
  readonly psa: PsaKind;
  readonly busy: boolean;
  readonly onContinue: (filter: PsaFilter) => void;
  readonly onCancel: () => void;
}

/** Step 1: the attributes configured in the PSA, to choose what to import (last choice preselected). */
export function FilterStep({ psa, busy, onContinue, onCancel }: FilterStepProps) {
  const { t, i18n } = useTranslation();
  const [attributes, setAttributes] = useState<FilterAttribute[] | null>(null);
  const [error, setError] = useState<PsaErrorView | null>(null);
  const [filter, setFilter] = useState<PsaFilter>(DEFAULT_PSA_FILTER);
  const count = useCompanyCount(psa, attributes ? filter : null);

  useEffect(() => {
    void Promise.all([unwrap(api().psa.filterAttributes({ psa })), unwrap(api().import.lastFilter({ psa }))]).then(([result, last]) => {
      if (last) setFilter(last);
      if (result.outcome === 'ok') setAttributes(result.attributes);
      else setError(result.error);
    });
  }, [psa]);

  const toggle = (key: FilterKey, id: number, on: boolean) =>
    setFilter((current) => {
      const ids = new Set(current.companies[key] ?? []);
      if (on) ids.add(id);
      else ids.delete(id);
      return { ...current, companies: { ...current.companies, [key]: [...ids] } };
    });

  if (error) return <PsaErrorMessage error={error} />;
  if (!attributes) return <p className="muted">{t('wizard.loadingAttributes')}</p>;
  return (
    <form
      className="wizard-step"
      aria-label={t('wizard.steps.filter')}
      onSubmit={(event) => {
        event.preventDefault();
        onContinue(filter);
      }}
    >
      <p className="muted">{t('wizard.filterIntro')}</p>
      {psa === 'autotask' ? <p className="muted">{t('wizard.ownOrganisationExcluded')}</p> : null}
      <div className="filter-grid">
        {attributes
          .filter((attribute) => attribute.options.length > 0)
          .map((attribute) => (
            <fieldset key={attribute.key} className="filter-box">
              <legend>{t(`wizard.attributes.${attribute.key}`)}</legend>
              <p className="field-hint">{(filter.companies[attribute.key] ?? []).length === 0 ? t('wizard.anyValue', { count: attribute.options.length }) : null}</p>
              <OptionList attribute={attribute} chosen={filter.companies[attribute.key] ?? []} onToggle={(id, on) => toggle(attribute.key, id, on)} />
            </fieldset>
          ))}
        {psa === 'autotask' ? (
          <fieldset className="filter-box">
            <legend>{t('wizard.activeState')}</legend>
            {(['active', 'inactive', 'any'] as const).map((state) => (
              <label key={state}>
                <input type="radio" name="active-state" checked={filter.companyActiveState === state} onChange={() => setFilter({ ...filter, companyActiveState: state })} />
                {t(`wizard.activeStates.${state}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <fieldset className="filter-box">
          <legend>{t('wizard.contactsFilter')}</legend>
          <label>
            <input type="checkbox" checked={filter.contacts.activeOnly} onChange={(event) => setFilter({ ...filter, contacts: { ...filter.contacts, activeOnly: event.target.checked } })} />
            {t('wizard.activeContactsOnly')}
          </label>
          <label>
            <input type="checkbox" checked={filter.contacts.withEmailOnly} onChange={(event) => setFilter({ ...filter, contacts: { ...filter.contacts, withEmailOnly: event.target.checked } })} />
            {t('wizard.withEmailOnly')}
          </label>
        </fieldset>
      </div>
      <CompanyCount count={count} locale={displayLocale(i18n.language)} />
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('common.continue')}
        </button>
      </div>
    </form>
  );
}

/** Lists longer than this get a search field; every entry that matches is shown, none is cut off. */
const SEARCH_FROM = 10;

/** One attribute's values as checkboxes: all of them, or those matching the search (chosen ones always). */
function OptionList({ attribute, chosen, onToggle }: { readonly attribute: FilterAttribute; readonly chosen: readonly number[]; readonly onToggle: (id: number, on: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const label = t(`wizard.attributes.${attribute.key}`);
  const ordered = useMemo(() => sortByText(attribute.options, (option) => option.label, i18n.language), [attribute.options, i18n.language]);
  const shown = ordered.filter((option) => chosen.includes(option.id) || matchesSearch(option.label, search));
  return (
    <>
      {attribute.options.length > SEARCH_FROM ? (
        <input type="search" className="search small" aria-label={t('decisions.searchValues', { attribute: label })} placeholder={t('decisions.searchValues', { attribute: label })} value={search} onChange={(event) => setSearch(event.target.value)} />
      ) : null}
      <div className="option-list">
        {shown.map((option) => (
          <label key={option.id} className={option.active ? '' : 'muted'}>
            <input type="checkbox" checked={chosen.includes(option.id)} onChange={(event) => onToggle(option.id, event.target.checked)} />
            {option.label}
          </label>
        ))}
        {shown.length === 0 ? (
          <NoMatch message={t('decisions.noOptionMatches', { search })} onClear={() => setSearch('')} />
        ) : null}
      </div>
    </>
  );
}

type CountState = { readonly state: 'idle' | 'counting' } | CompanyCountResult;

/** Waits this long after the last change to the filter before counting. */
const COUNT_DEBOUNCE_MS = 400;

/**
 * "About N companies" for the filter as the technician leaves it: counted once they stop changing it; a count
 * for a filter changed since is cancelled in the core and its answer ignored here.
 */
function useCompanyCount(psa: PsaKind, filter: PsaFilter | null): CountState {
  const [count, setCount] = useState<CountState>({ state: 'idle' });
  const latest = useRef(0);
  const key = filter ? JSON.stringify(filter) : null;
  useEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      setCount({ state: 'counting' });
      void unwrap(api().psa.countCompanies({ psa, filter: JSON.parse(key) as PsaFilter })).then(
        (result) => {
          if (request === latest.current && result.outcome !== 'superseded') setCount(result);
        },
        () => {
          if (request === latest.current) setCount({ state: 'idle' });
        },
      );
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [psa, key]);
  return count;
}

function CompanyCount({ count, locale }: { readonly count: CountState; readonly locale: string }) {
  const { t } = useTranslation();
  let text = '';
  if ('state' in count) text = count.state === 'counting' ? t('decisions.counting') : '';
  else if (count.outcome === 'counted') text = t('decisions.countAbout', { count: count.count, formatted: count.count.toLocaleString(locale) });
  else if (count.outcome === 'failed') text = t('decisions.countFailed', { message: t(`psaErrors.${count.error.kind}.message`) });
  return (
    <p className={'outcome' in count && count.outcome === 'failed' ? 'status warn company-count' : 'muted company-count'} role="status" data-testid="company-count">
      {text}
    </p>
  );
}

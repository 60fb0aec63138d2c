import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PSA_FILTER, type FilterAttribute, type FilterKey, type PsaFilter } from '../../../shared/psa/filters';
import type { PsaErrorView } from '../../../shared/psa/errors';
import type { PsaKind } from '../../../shared/psa/kinds';
import { api, unwrap } from '../../api/client';
import { PsaErrorMessage } from '../../components/PsaErrorMessage';

interface FilterStepProps {
  readonly psa: PsaKind;
  readonly busy: boolean;
  readonly onContinue: (filter: PsaFilter) => void;
  readonly onCancel: () => void;
}

/** Step 1: the attributes configured in the PSA, to choose what to import (last choice preselected). */
export function FilterStep({ psa, busy, onContinue, onCancel }: FilterStepProps) {
  const { t } = useTranslation();
  const [attributes, setAttributes] = useState<FilterAttribute[] | null>(null);
  const [error, setError] = useState<PsaErrorView | null>(null);
  const [filter, setFilter] = useState<PsaFilter>(DEFAULT_PSA_FILTER);

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
              <div className="option-list">
                {attribute.options.map((option) => (
                  <label key={option.id} className={option.active ? '' : 'muted'}>
                    <input type="checkbox" checked={(filter.companies[attribute.key] ?? []).includes(option.id)} onChange={(event) => toggle(attribute.key, option.id, event.target.checked)} />
                    {option.label}
                  </label>
                ))}
              </div>
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

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { driftKey, type Drift } from '../../../shared/import/drift';
import { driftActions, type DriftAction } from '../../../shared/import/drift-resolution';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { driftHandled } from '../../store/slices/preview.slice';
import { buildPlan, NO_CHOICES } from '../import/plan-builder';

/**
 * Apply later, before anything is written: the preview compared with the workspace as it is now. Every drift is
 * listed with what can be done about it; Apply waits until each one is accepted or resolved.
 */
export function DriftStep({ psaName }: { readonly psaName: string }) {
  const { t, i18n } = useTranslation();
  const wizard = useAppStore((state) => state.wizard);
  const { handleDrift, backToReview, applyImport, setSelected } = useAppStore.getState();
  const { pending, error, fields, run } = useSubmit();
  const review = wizard?.review ?? null;
  const view = wizard?.view ?? null;
  const choices = wizard?.choices ?? NO_CHOICES;
  const locked = wizard?.locked ?? null;
  const names = useMemo(() => new Map((view?.inPsa ?? []).map((row) => [row.psaCompanyId, row.name])), [view]);
  const built = useMemo(() => (view ? buildPlan(view.inPsa, choices) : null), [view, choices]);
  const drift = review?.drift?.list ?? [];
  const handled = review?.drift?.handled ?? {};
  const handledCount = drift.filter((item) => handled[driftKey(item)] !== undefined).length;
  const needsChoice = built?.needsChoice ?? [];
  const ready = driftHandled(review) && needsChoice.length === 0 && (built?.plan.companies.length ?? 0) > 0;

  if (locked) {
    return (
      <section className="wizard-step" aria-label={t('review.checkTitle')}>
        <h2 tabIndex={-1}>{t('review.checkTitle')}</h2>
        <div className="alert" role="alert">
          <p>{t('wizard.lockedBy', { name: locked.holderName, since: formatDateTime(locked.since, i18n.language) })}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void run(backToReview)}>
            {t('review.backToReview')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="wizard-step" aria-label={t('review.checkTitle')}>
      <h2 tabIndex={-1}>{t('review.checkTitle')}</h2>
      <p className="muted">{t('review.checkIntro')}</p>
      {drift.length === 0 ? (
        <p role="status">{t('review.noDrift')}</p>
      ) : (
        <>
          <p role="status">{t('review.driftCount', { count: drift.length, handled: handledCount })}</p>
          <ol className="drift-list">
            {drift.map((item) => (
              <DriftItem key={driftKey(item)} drift={item} company={'psaCompanyId' in item ? (names.get(item.psaCompanyId) ?? item.psaCompanyId) : ''} chosen={handled[driftKey(item)]} onChoose={(action) => handleDrift(item, action)} />
            ))}
          </ol>
        </>
      )}
      {needsChoice.length > 0 ? (
        <div className="alert" role="alert">
          <p>{t('review.needsChoice', { count: needsChoice.length, names: needsChoice.map((row) => row.name).join(', '), psa: psaName })}</p>
          <button type="button" className="small" onClick={() => setSelected(needsChoice.map((row) => row.psaCompanyId), false)}>
            {t('review.leaveThemOut')}
          </button>
        </div>
      ) : null}
      <ErrorAlert code={error} fields={fields} />
      <div className="actions">
        <button type="button" onClick={() => void run(backToReview)} disabled={pending}>
          {t('review.backToReview')}
        </button>
        <button type="button" className="primary" onClick={() => void run(applyImport)} disabled={pending || !ready} aria-describedby="apply-ready">
          {t('review.apply', { count: built?.plan.companies.length ?? 0 })}
        </button>
        <span id="apply-ready" className="muted">
          {ready ? '' : t('review.applyWaits')}
        </span>
      </div>
    </section>
  );
}

/** One drift: what changed, and a choice of what to do about it. */
function DriftItem({ drift, company, chosen, onChoose }: { readonly drift: Drift; readonly company: string; readonly chosen: DriftAction | undefined; readonly onChoose: (action: DriftAction) => void }) {
  const { t } = useTranslation();
  const key = driftKey(drift);
  const label = (action: DriftAction) => (action === 'accept' ? t(`review.accept.${drift.kind}`) : action === 'leave-out' && 'psaContactId' in drift ? t('review.action.leave-out-contact') : t(`review.action.${action}`));
  return (
    <li className={chosen ? 'drift-item handled' : 'drift-item'}>
      <fieldset>
        <legend>{t(`review.drift.${drift.kind}`, { ...driftValues(drift), company })}</legend>
        {driftActions(drift).map((action) => (
          <label key={action} className="radio">
            <input type="radio" name={key} checked={chosen === action} onChange={() => onChoose(action)} />
            <span>{label(action)}</span>
          </label>
        ))}
      </fieldset>
    </li>
  );
}

/** The values a drift's message names. */
function driftValues(drift: Drift): Record<string, string | number> {
  switch (drift.kind) {
    case 'mapped-since':
      return { psaName: drift.psaName, managed: drift.managedCompany.name };
    case 'mapping-changed':
      return drift.now ? { psaName: drift.psaName, before: drift.before.name, now: drift.now.name } : { psaName: drift.psaName, before: drift.before.name, context: 'none' };
    case 'target-deleted':
      return { psaName: drift.psaName, target: drift.target.name };
    case 'target-renamed':
      return { psaName: drift.psaName, target: drift.target.name, nowName: drift.nowName };
    case 'user-deleted':
      return { email: drift.email };
    case 'user-email-changed':
      return { before: drift.before, now: drift.now };
    case 'licenses-short':
      return { needed: drift.needed, available: drift.available };
  }
}

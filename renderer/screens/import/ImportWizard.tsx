import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import { formatDateTime } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { hasChoices, type DownloadProgress } from '../../store/slices/import-wizard.slice';
import { CompaniesStep } from './CompaniesStep';
import { DownloadStep } from './DownloadStep';
import { FilterStep } from './FilterStep';
import { LockNotice, ReleaseLockDialog } from './LockNotice';
import { NO_CHOICES } from './plan-builder';
import { ResultsStep } from './ResultsStep';
import { UsersStep } from './UsersStep';
import { DriftStep } from '../preview/DriftStep';
import { ReviewBar } from '../preview/ReviewBar';
import { SavePreviewButton } from '../preview/SavePreviewButton';
import { reviewUnsaved } from '../../store/slices/preview.slice';

const NO_PROGRESS: DownloadProgress = {};
const IMPORT_STEPS = ['filter', 'download', 'companies', 'users', 'results'] as const;
/** A preview under review: its companies and decisions, then (applying it later) the drift, then the results. */
const REVIEW_STEPS = ['companies', 'users', 'drift', 'results'] as const;

/** The LastPass seed's import flow, step by step. Back and Cancel work everywhere; cancelling writes nothing and frees the lock. */
export function ImportWizard({ psa }: { readonly psa: PsaKind }) {
  const { t, i18n } = useTranslation();
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const adminId = useAppStore((state) => state.session?.adminId);
  // The wizard's whole state is in the store (step, session, download, choices, results): leaving and coming back resumes it.
  const wizard = useAppStore((state) => state.wizard);
  const choices = wizard?.choices ?? NO_CHOICES;
  const step = wizard?.step ?? 'filter';
  const session = wizard?.session ?? null;
  const progress = wizard?.progress ?? NO_PROGRESS;
  const failure = wizard?.failure ?? null;
  const locked = wizard?.locked ?? null;
  const view = wizard?.view ?? null;
  const applied = wizard?.applied ?? null;
  const results = wizard?.results ?? null;
  const released = wizard?.released ?? null;
  const { startImport, cancelImport, backToFilter: toFilter, forceReleaseLock, applyImport, retryFailed: retryFailedItems, showWizardStep, restartWizard, checkPreviewApply } = useAppStore.getState();
  const retry = wizard?.retry;
  const { pending, error, run } = useSubmit();
  const [confirm, setConfirm] = useState<'cancel' | 'release' | null>(null);
  const psaName = t(`psa.${psa}`);

  const start = (filter: PsaFilter) => void run(() => startImport(filter));

  /** Cancel: asks first when choices would be lost (a selection or a decision); otherwise closes at once. */
  const cancel = () => {
    if ((step === 'companies' || step === 'users') && hasChoices(choices)) setConfirm('cancel');
    else void run(cancelImport);
  };

  const discard = () =>
    void run(async () => {
      setConfirm(null);
      await cancelImport();
    });

  /** Back to the filter: this download is dropped and the lock released; Continue there starts afresh. */
  const backToFilter = () => void run(toFilter);

  const forceRelease = () =>
    void run(async () => {
      await forceReleaseLock();
      setConfirm(null);
    });

  const apply = () => void run(applyImport);
  const retryFailed = () => void run(retryFailedItems);

  // On every step change, focus moves to the step's heading: screen readers announce the step, and Tab goes on from there.
  const wizardRoot = useRef<HTMLElement>(null);
  useEffect(() => {
    const heading = wizardRoot.current?.querySelector<HTMLElement>('.wizard-step h2') ?? wizardRoot.current?.querySelector<HTMLElement>('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [step]);


  const names = useMemo(() => new Map((view?.inPsa ?? []).map((row) => [row.psaCompanyId, row.name])), [view]);
  const review = wizard?.review ?? null;
  const steps = review ? REVIEW_STEPS : IMPORT_STEPS;
  const stepIndex = (steps as readonly string[]).indexOf(step === 'applying' ? 'results' : step === 'download' ? steps[0] : step);
  const title = review ? t('review.title', { file: review.preview.fileName }) : t('wizard.importFrom', { psa: psaName });
  /** Closing a review with unsaved decisions asks first. */
  const closeReview = () => {
    if (reviewUnsaved(wizard)) setConfirm('cancel');
    else void run(cancelImport);
  };

  return (
    <section className="wizard" ref={wizardRoot} aria-label={title}>
      <header className="content-header">
        <h1>{title}</h1>
        <ol className="stepper">
          {steps.map((name, index) => (
            <li key={name} className={index === stepIndex ? 'current' : index < stepIndex ? 'done' : ''} aria-current={index === stepIndex ? 'step' : undefined}>
              {t(`wizard.steps.${name}`)}
            </li>
          ))}
        </ol>
      </header>
      {review && (step === 'companies' || step === 'users') ? <ReviewBar review={review} /> : null}
      {!review && session && view && (step === 'companies' || step === 'users') ? <SavePreviewButton /> : null}
      {locked && isMaster && !released ? (
        <div className="actions">
          <button type="button" className="small" onClick={() => setConfirm('release')}>
            {t('wizard.forceRelease')}
          </button>
        </div>
      ) : null}
      <ErrorAlert code={error ?? wizard?.error ?? null} />
      {released ? (
        <div className="alert" role="alert">
          <p>{released.byYou ? t('locks.releasedByYou', { psa: psaName }) : t('locks.releasedBy', { name: released.byName, psa: psaName })}</p>
          <div className="actions">
            <button type="button" className="ghost" onClick={() => void run(cancelImport)}>
              {t('locks.close')}
            </button>
            <button type="button" className="primary" onClick={restartWizard}>
              {t('locks.startAgain')}
            </button>
          </div>
        </div>
      ) : null}
      {step === 'filter' && !released ? <LockNotice psa={psa} /> : null}
      {step === 'filter' && !released ? <FilterStep psa={psa} busy={pending} onContinue={start} onCancel={cancel} /> : null}
      {step === 'download' && !released ? <DownloadStep progress={progress} psaName={psaName} onCancel={cancel} /> : null}
      {step === 'companies' && view && !released ? (
        review ? (
          <CompaniesStep view={view} psaName={psaName} onImportAndMap={() => showWizardStep('users')} onCancel={closeReview} cancelLabel={t('review.close')} />
        ) : (
          <CompaniesStep view={view} psaName={psaName} onImportAndMap={() => showWizardStep('users')} onBack={backToFilter} onCancel={cancel} />
        )
      ) : null}
      {step === 'users' && view && (session || review) && !released ? (
        <UsersStep view={view} onBack={() => showWizardStep('companies')} onContinue={review ? () => void run(checkPreviewApply) : apply} {...(review ? { continueLabel: t('review.applyHere') } : {})} />
      ) : null}
      {step === 'drift' && review && !released ? <DriftStep psaName={psaName} /> : null}
      {step === 'applying' && !released ? (
        <section className="wizard-step" aria-label={t('wizard.applying')}>
          <h2 tabIndex={-1}>{t('wizard.applying')}</h2>
          <progress max={applied?.total} value={applied?.done} aria-label={t('wizard.applying')} />
        </section>
      ) : null}
      {step === 'results' && !released ? (
        <ResultsStep
          results={results}
          failure={
            locked
              ? { error: { kind: 'integration-locked', detail: t('wizard.lockedBy', { name: locked.holderName, since: formatDateTime(locked.since, i18n.language) }) }, subject: psaName }
              : failure
                ? { error: failure, subject: psaName }
                : null
          }
          names={names}
          onDone={cancel}
          onRetry={results && !locked && !failure ? retryFailed : undefined}
          retry={retry}
        />
      ) : null}
      {confirm === 'cancel' ? (
        <Dialog title={review ? t('review.closeTitle') : t('wizardCancel.title')} onClose={() => setConfirm(null)} role="alertdialog">
          <p>{review ? t('review.closeBody', { file: review.preview.fileName }) : t('wizardCancel.body', { psa: psaName })}</p>
          <div className="actions">
            <button type="button" className="ghost" onClick={() => setConfirm(null)}>
              {t('wizardCancel.keep')}
            </button>
            <button type="button" className="danger" onClick={discard}>
              {t('wizardCancel.discard')}
            </button>
          </div>
        </Dialog>
      ) : null}
      {confirm === 'release' && locked ? <ReleaseLockDialog psaName={psaName} holderName={locked.holderName} yours={locked.holderAdminId === adminId} busy={pending} onRelease={forceRelease} onClose={() => setConfirm(null)} /> : null}
    </section>
  );
}

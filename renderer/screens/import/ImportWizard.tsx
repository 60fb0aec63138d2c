import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResults } from '../../../shared/import/plan';
import { failedCount } from '../../../shared/import/retry';
import type { ReconciliationView } from '../../../shared/import/session';
import type { PsaErrorView } from '../../../shared/psa/errors';
import type { FetchFinishedEvent } from '../../../shared/psa/fetch-events';
import type { PsaFilter } from '../../../shared/psa/filters';
import type { PsaKind } from '../../../shared/psa/kinds';
import type { FetchProgress } from '../../../shared/psa/records';
import { api, ApiError, unwrap } from '../../api/client';
import { displayLocale } from '../../app/format';
import { useSubmit } from '../../app/use-submit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { CompaniesStep } from './CompaniesStep';
import { DownloadStep } from './DownloadStep';
import { FilterStep } from './FilterStep';
import { buildPlan, NO_CHOICES } from './plan-builder';
import { ResultsStep, type RetryState } from './ResultsStep';
import { UsersStep } from './UsersStep';

const NO_RETRY: RetryState = { busy: false, lockLost: false, last: null };

type Step = 'filter' | 'download' | 'companies' | 'users' | 'applying' | 'results';
interface Locked {
  readonly holderName: string;
  readonly since: string;
}

/** The LastPass seed's import flow, step by step. Back and Cancel work everywhere; cancelling writes nothing and frees the lock. */
export function ImportWizard({ psa }: { readonly psa: PsaKind }) {
  const { t, i18n } = useTranslation();
  const closeWizard = useAppStore((state) => state.closeWizard);
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  const choices = useAppStore((state) => state.wizard?.choices ?? NO_CHOICES);
  const [step, setStep] = useState<Step>('filter');
  const [session, setSession] = useState<{ sessionId: string; jobId: string } | null>(null);
  const [progress, setProgress] = useState<Partial<Record<FetchProgress['phase'], FetchProgress>>>({});
  const [failure, setFailure] = useState<PsaErrorView | null>(null);
  const [locked, setLocked] = useState<Locked | null>(null);
  const [view, setView] = useState<ReconciliationView | null>(null);
  const [applied, setApplied] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<ImportResults | null>(null);
  const [retry, setRetry] = useState<RetryState>(NO_RETRY);
  const { pending, error, run } = useSubmit();
  const psaName = t(`psa.${psa}`);

  // Subscribed for the wizard's whole life: a small download can finish before import.start has even
  // answered, so events are kept per job and read once the job id is known.
  const jobs = useRef(new Map<string, { progress: Partial<Record<FetchProgress['phase'], FetchProgress>>; finished?: FetchFinishedEvent | undefined }>());
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const entry = (jobId: string) => jobs.current.get(jobId) ?? jobs.current.set(jobId, { progress: {} }).get(jobId)!;
    const offProgress = api().on('fetchProgress', (event) => {
      entry(event.jobId).progress[event.phase] = event;
      setTick((value) => value + 1);
    });
    const offFinished = api().on('fetchFinished', (event) => {
      entry(event.jobId).finished = event;
      setTick((value) => value + 1);
    });
    const offApply = api().on('importProgress', (event) => setApplied({ done: event.done, total: event.total }));
    return () => {
      offProgress();
      offFinished();
      offApply();
    };
  }, []);

  useEffect(() => {
    if (!session || step !== 'download') return;
    const job = jobs.current.get(session.jobId);
    if (!job) return;
    setProgress({ ...job.progress });
    const finished = job.finished;
    if (finished?.outcome === 'completed') {
      job.finished = undefined;
      void run(async () => {
        const reconciled = await unwrap(api().import.reconciliation({ sessionId: session.sessionId }));
        // For bench:table: "first render of the table after the data arrives".
        performance.mark('msp:reconciliation-arrived');
        setView(reconciled);
        setStep('companies');
      });
    } else if (finished?.outcome === 'failed') {
      setFailure(finished.error);
      setStep('results');
    }
  }, [session, step, tick, run]);

  const start = (filter: PsaFilter) =>
    void run(async () => {
      setLocked(null);
      setFailure(null);
      const started = await unwrap(api().import.start({ psa, filter }));
      if (started.outcome === 'locked') {
        // The seed shows this on the results page: "Another administrator is already working with this integration".
        setLocked({ holderName: started.heldBy.holderName, since: started.heldBy.since });
        setStep('results');
        return;
      }
      setProgress({});
      setSession({ sessionId: started.sessionId, jobId: started.jobId });
      setStep('download');
    });

  const cancel = () =>
    void run(async () => {
      // Ends the session if it still runs (a failed download still holds the lock); a no-op after apply.
      if (session) await unwrap(api().import.cancel({ sessionId: session.sessionId }));
      closeWizard();
    });

  /** Back to the filter: this download is dropped and the lock released; Continue there starts afresh. */
  const backToFilter = () =>
    void run(async () => {
      if (session) await unwrap(api().import.cancel({ sessionId: session.sessionId }));
      setSession(null);
      setView(null);
      setStep('filter');
    });

  const forceRelease = () =>
    void run(async () => {
      await unwrap(api().locks.forceRelease({ psa }));
      setLocked(null);
      setStep('filter');
    });

  const apply = () =>
    void run(async () => {
      if (!session || !view) return;
      setStep('applying');
      setApplied(null);
      setRetry(NO_RETRY);
      try {
        setResults(await unwrap(api().import.apply({ sessionId: session.sessionId, plan: buildPlan(view.inPsa, choices).plan })));
      } catch (error) {
        // The lock was lost (expired or released by a Master Administrator): nothing more was written; say so on the results page.
        if (error instanceof ApiError && error.code === 'INTEGRATION_LOCKED') setFailure({ kind: 'integration-locked', detail: error.message });
        else {
          setStep('users');
          throw error;
        }
      }
      setStep('results');
    });

  /** "Retry the failed items": the session kept its lock since the apply; only what failed is applied again. */
  const retryFailed = () =>
    void run(async () => {
      if (!session || !results) return;
      const before = failedCount(results);
      setRetry((current) => ({ ...current, busy: true }));
      try {
        const merged = await unwrap(api().import.retryFailed({ sessionId: session.sessionId }));
        const still = failedCount(merged);
        setResults(merged);
        setRetry({ busy: false, lockLost: false, last: { succeeded: before - still, failed: still } });
      } catch (error) {
        setRetry((current) => ({ ...current, busy: false, lockLost: error instanceof ApiError && error.code === 'INTEGRATION_LOCKED' }));
        if (!(error instanceof ApiError && error.code === 'INTEGRATION_LOCKED')) throw error;
      }
    });

  const names = useMemo(() => new Map((view?.inPsa ?? []).map((row) => [row.psaCompanyId, row.name])), [view]);
  const stepIndex = ['filter', 'download', 'companies', 'users', 'results'].indexOf(step === 'applying' ? 'results' : step);

  return (
    <section className="wizard" aria-label={t('wizard.importFrom', { psa: psaName })}>
      <header className="content-header">
        <h1>{t('wizard.importFrom', { psa: psaName })}</h1>
        <ol className="stepper">
          {(['filter', 'download', 'companies', 'users', 'results'] as const).map((name, index) => (
            <li key={name} className={index === stepIndex ? 'current' : index < stepIndex ? 'done' : ''} aria-current={index === stepIndex ? 'step' : undefined}>
              {t(`wizard.steps.${name}`)}
            </li>
          ))}
        </ol>
      </header>
      {locked && isMaster ? (
        <div className="actions">
          <button type="button" className="small" onClick={forceRelease}>
            {t('wizard.forceRelease')}
          </button>
        </div>
      ) : null}
      <ErrorAlert code={error} />
      {step === 'filter' ? <FilterStep psa={psa} busy={pending} onContinue={start} onCancel={cancel} /> : null}
      {step === 'download' ? <DownloadStep progress={progress} psaName={psaName} onCancel={cancel} /> : null}
      {step === 'companies' && view ? <CompaniesStep view={view} psaName={psaName} onImportAndMap={() => setStep('users')} onBack={backToFilter} onCancel={cancel} /> : null}
      {step === 'users' && view && session ? <UsersStep view={view} sessionId={session.sessionId} onBack={() => setStep('companies')} onContinue={apply} /> : null}
      {step === 'applying' ? (
        <section className="wizard-step" aria-label={t('wizard.applying')}>
          <p>{t('wizard.applying')}</p>
          <progress max={applied?.total} value={applied?.done} aria-label={t('wizard.applying')} />
        </section>
      ) : null}
      {step === 'results' ? (
        <ResultsStep
          results={results}
          failure={
            locked
              ? { error: { kind: 'integration-locked', detail: t('wizard.lockedBy', { name: locked.holderName, since: new Date(locked.since).toLocaleString(displayLocale(i18n.language)) }) }, subject: psaName }
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
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrlProblem, type ApiUrlProblem } from '../../../../shared/psa/api-url';
import type { ConnectionTest } from '../../../../shared/psa/credentials';
import type { PsaKind } from '../../../../shared/psa/kinds';
import { api, unwrap } from '../../../api/client';
import { useSubmit } from '../../../app/use-submit';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PasswordField } from '../../../components/PasswordField';
import { TextField } from '../../../components/TextField';
import { CREDENTIAL_FIELDS, EMPTY_FORM, toCredentials, type FormValues } from './credential-fields';
import { TestOutcome } from './TestOutcome';

/** Secrets, keys and codes: never shown back; blank keeps the stored one. */
const KEPT_FIELDS: ReadonlyArray<keyof FormValues> = ['secret', 'integrationCode', 'publicKey', 'privateKey', 'clientId'];

interface ConnectionFormProps {
  readonly psa: PsaKind;
  /** "Change credentials": the stored who-and-where fields are filled in; secrets, keys and codes stay blank and are kept unless retyped. */
  readonly configured?: boolean;
  readonly onConnected: () => void;
  readonly onCancel: () => void;
}

/** Credentials go from this form to main once; nothing is echoed back, and the form clears its secrets after saving. */
export function ConnectionForm({ psa, configured = false, onConnected, onCancel }: ConnectionFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FormValues>(EMPTY_FORM);
  useEffect(() => {
    if (!configured) return;
    let live = true;
    void unwrap(api().psa.storedFields({ psa })).then((stored) => {
      // Only fields the technician has not started typing in.
      if (live && stored) setValues((current) => ({ ...current, ...Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'psa' && current[key as keyof FormValues] === '')) }));
    });
    return () => {
      live = false;
    };
  }, [configured, psa]);
  /** Kept when left blank: what the form does not show back. */
  const kept = (name: keyof FormValues) => configured && KEPT_FIELDS.includes(name);
  const [outcome, setOutcome] = useState<ConnectionTest | null>(null);
  const [urlProblem, setUrlProblem] = useState<ApiUrlProblem | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const { pending, error, run } = useSubmit();
  const set = (name: keyof FormValues) => (value: string) => {
    if (name === 'apiBaseUrl') setUrlProblem(null);
    setValues((current) => ({ ...current, [name]: value }));
  };

  /** The core refuses the same URLs; checking here first puts the reason on the field, and nothing is sent. */
  const urlRefused = (): boolean => {
    const problem = apiUrlProblem(values.apiBaseUrl);
    setUrlProblem(problem);
    if (problem) setAdvancedOpen(true);
    return problem !== null;
  };

  const test = () =>
    void run(async () => {
      setOutcome(null);
      if (urlRefused()) return;
      setOutcome(await unwrap(api().psa.test({ psa, credentials: toCredentials(psa, values) })));
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setOutcome(null);
      if (urlRefused()) return;
      const result = await unwrap(api().psa.connect({ credentials: toCredentials(psa, values) }));
      setOutcome(result.test);
      if (result.test.outcome === 'connected') {
        setValues(EMPTY_FORM);
        onConnected();
      }
    });
  };

  return (
    <form className="connection-form" onSubmit={save} noValidate aria-label={t('psa.formTitle', { psa: t(`psa.${psa}`) })}>
      <h3>{t('psa.formTitle', { psa: t(`psa.${psa}`) })}</h3>
      {configured ? <p className="muted">{t('decisions.keptNote')}</p> : null}
      {CREDENTIAL_FIELDS[psa].map((field) =>
        field.secret ? (
          <PasswordField key={field.name} label={t(`psa.fields.${field.name}`)} value={values[field.name]} onChange={set(field.name)} autoComplete="new-password">
            {kept(field.name) ? <p className="field-hint">{t('decisions.keptSecret')}</p> : null}
          </PasswordField>
        ) : (
          <TextField
            key={field.name}
            label={t(`psa.fields.${field.name}`)}
            value={values[field.name]}
            onChange={set(field.name)}
            autoComplete={field.autoComplete}
            spellCheck={false}
            hint={kept(field.name) ? t('decisions.keptSecret') : undefined}
          />
        ),
      )}
      <details className="advanced" open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary>{t('psa.advanced')}</summary>
        <TextField
          label={t('psa.apiBaseUrl')}
          value={values.apiBaseUrl}
          onChange={set('apiBaseUrl')}
          type="url"
          spellCheck={false}
          placeholder="https://"
          error={urlProblem ? t(`psa.apiBaseUrlErrors.${urlProblem}`) : null}
          hint={t(psa === 'autotask' ? 'psa.apiBaseUrlHelpAutotask' : 'psa.apiBaseUrlHelpConnectwise')}
        />
      </details>
      <div aria-live="polite">
        {pending ? <p className="muted">{t('psa.testing')}</p> : null}
        {outcome ? <TestOutcome test={outcome} /> : null}
        <ErrorAlert code={error} />
      </div>
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" onClick={test} disabled={pending}>
          {t('psa.test')}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {t('psa.save')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_KINDS, DIRECTORY_SECURITY, type DirectoryTestResult } from '../../../shared/directory-sync/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { useAppStore } from '../../store';
import { useFieldErrors } from './use-field-errors';

/** A CA certificate is public: read here as text and kept in the form, like a pasted one. Far larger is no certificate. */
const MAX_CA_FILE_BYTES = 64_000;

/** 1. Connection: the directory, its server and security, the bind account and the base DN, with *Test connection*. */
export function ConnectionSection() {
  const { t } = useTranslation();
  const draft = useAppStore((state) => state.dsDraft?.connection);
  const passwordSaved = useAppStore((state) => state.dsSettings?.bindPasswordSaved ?? false);
  const errors = useFieldErrors();
  const edit = useAppStore((state) => state.dsEditConnection);
  const setSecurity = useAppStore((state) => state.dsSetSecurity);
  const test = useAppStore((state) => state.dsTest);
  const testing = useAppStore((state) => state.dsTesting);
  const result = useAppStore((state) => state.dsTestResult);
  const problem = useAppStore((state) => state.dsTestProblem);
  const kindId = useId();
  const securityId = useId();
  const caId = useId();
  const [caFileProblem, setCaFileProblem] = useState(false);
  if (!draft) return null;
  const invalid = (field: keyof typeof errors) => (errors[field] ? t(`directorySync.invalid.${field}`) : null);

  const loadCa = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setCaFileProblem(false);
    if (!file) return;
    if (file.size > MAX_CA_FILE_BYTES) {
      setCaFileProblem(true);
      return;
    }
    void file.text().then(
      (text) => edit({ caCertificate: text.trim() }),
      () => setCaFileProblem(true),
    );
  };

  return (
    <section className="panel" aria-labelledby="ds-connection">
      <h2 id="ds-connection">{t('directorySync.connection.title')}</h2>
      <div className="field">
        <label htmlFor={kindId}>{t('directorySync.connection.kind')}</label>
        <select id={kindId} value={draft.kind} onChange={(event) => edit({ kind: event.target.value as (typeof DIRECTORY_KINDS)[number] })}>
          {DIRECTORY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`directorySync.connection.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="ds-server-row">
        <TextField
          label={t('directorySync.connection.host')}
          value={draft.host}
          onChange={(host) => edit({ host })}
          spellCheck={false}
          autoComplete="off"
          hint={t('directorySync.connection.hostHint')}
          error={invalid('host')}
        />
        <div className="field">
          <label htmlFor={securityId}>{t('directorySync.connection.security')}</label>
          <select id={securityId} value={draft.security} onChange={(event) => setSecurity(event.target.value as (typeof DIRECTORY_SECURITY)[number])}>
            {DIRECTORY_SECURITY.map((security) => (
              <option key={security} value={security}>
                {t(`directorySync.connection.securities.${security}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('directorySync.connection.port')}
          value={draft.port}
          onChange={(port) => edit({ port })}
          inputMode="numeric"
          className="narrow-input"
          hint={t('directorySync.connection.portHint')}
          error={invalid('port')}
        />
      </div>
      {draft.security === 'none' ? (
        <p className="status warn" role="note">
          {t('directorySync.connection.noneWarning')}
        </p>
      ) : null}
      <div className="field note-field">
        <label htmlFor={caId}>{t('directorySync.connection.caCertificate')}</label>
        <textarea
          id={caId}
          rows={3}
          value={draft.caCertificate}
          onChange={(event) => edit({ caCertificate: event.target.value })}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          aria-describedby={`${caId}-hint${errors.caCertificate ? ` ${caId}-error` : ''}`}
          aria-invalid={errors.caCertificate ? true : undefined}
        />
        {errors.caCertificate ? (
          <p id={`${caId}-error`} className="field-error" role="alert">
            {t('directorySync.invalid.caCertificate')}
          </p>
        ) : null}
        <p id={`${caId}-hint`} className="field-hint">
          {t('directorySync.connection.caCertificateHint')}
        </p>
        <label className="file-pick">
          {t('directorySync.connection.caFromFile')} <input type="file" accept=".pem,.crt,.cer,.txt" onChange={loadCa} />
        </label>
        {caFileProblem ? (
          <p className="field-error" role="alert">
            {t('directorySync.connection.caFileUnreadable')}
          </p>
        ) : null}
      </div>
      <TextField
        label={t('directorySync.connection.bindDn')}
        value={draft.bindDn}
        onChange={(bindDn) => edit({ bindDn })}
        spellCheck={false}
        autoComplete="off"
        hint={t('directorySync.connection.bindDnHint')}
        error={invalid('bindDn')}
      />
      <PasswordField
        label={t('directorySync.connection.bindPassword')}
        value={draft.bindPassword}
        onChange={(bindPassword) => edit({ bindPassword })}
        autoComplete="new-password"
        placeholder={passwordSaved ? t('directorySync.connection.bindPasswordSaved') : undefined}
      >
        {errors.bindPassword ? (
          <p className="field-error" role="alert">
            {t('directorySync.invalid.bindPassword')}
          </p>
        ) : null}
        {passwordSaved ? <p className="field-hint">{t('directorySync.connection.bindPasswordKept')}</p> : null}
      </PasswordField>
      <TextField
        label={t('directorySync.connection.baseDn')}
        value={draft.baseDn}
        onChange={(baseDn) => edit({ baseDn })}
        spellCheck={false}
        autoComplete="off"
        hint={t('directorySync.connection.baseDnHint')}
        error={invalid('baseDn')}
      />
      {draft.kind === 'ldap' ? (
        <div className="ds-server-row">
          <TextField
            label={t('directorySync.connection.disabledAttribute')}
            value={draft.disabledAttribute}
            onChange={(disabledAttribute) => edit({ disabledAttribute })}
            spellCheck={false}
            placeholder="nsAccountLock"
            hint={t('directorySync.connection.disabledAttributeHint')}
            error={invalid('disabledAttribute')}
          />
          <TextField label={t('directorySync.connection.disabledValue')} value={draft.disabledValue} onChange={(disabledValue) => edit({ disabledValue })} spellCheck={false} placeholder="TRUE" />
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void test()} disabled={testing}>
          {t('directorySync.connection.test')}
        </button>
      </div>
      <div aria-live="polite">
        {testing ? <p className="muted">{t('directorySync.connection.testing')}</p> : null}
        {result ? <TestResult result={result} /> : null}
      </div>
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
    </section>
  );
}

function TestResult({ result }: { readonly result: DirectoryTestResult }) {
  const { t } = useTranslation();
  const elapsed = t('directorySync.connection.seconds', { value: Math.round(result.elapsedMs / 100) / 10 });
  const users = result.more ? t('directorySync.connection.testUsersMore', { limit: result.users }) : t('directorySync.connection.testUsers', { count: result.users });
  const groups = result.more ? t('directorySync.connection.testGroupsMore', { limit: result.groups }) : t('directorySync.connection.testGroups', { count: result.groups });
  return (
    <div className="status ok" role="status">
      <p>{result.serverName ? t('directorySync.connection.testOk', { server: result.serverName, elapsed }) : t('directorySync.connection.testOkUnnamed', { elapsed })}</p>
      <p>{t('directorySync.connection.testFound', { users, groups })}</p>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useAppStore } from '../../store';
import { useAction } from '../org/use-action';

/**
 * 3. New technicians: the default password (set on its own, at once: only its hash is kept, so it is never shown
 * back) and the licenses a new technician gets (saved with the rest of the page).
 */
export function NewTechniciansSection() {
  const { t } = useTranslation();
  const isSet = useAppStore((state) => state.dsSettings?.defaultPasswordSet ?? false);
  const standard = useAppStore((state) => state.dsDraft?.standardLicense ?? true);
  const mobile = useAppStore((state) => state.dsDraft?.mobileLicense ?? false);
  const edit = useAppStore((state) => state.dsEdit);
  const changed = useAppStore((state) => state.dsSettingsChanged);
  const policy = useAppStore((state) => state.policy);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { pending, problem, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password === '' || password !== confirm) return;
    void run(async () => {
      changed(await unwrap(api().directorySync.setDefaultPassword({ password })), 'defaultPasswordSet');
      setPassword('');
      setConfirm('');
    });
  };

  return (
    <section className="panel" aria-labelledby="ds-new">
      <h2 id="ds-new">{t('directorySync.newTechnicians.title')}</h2>
      <p className="field-hint">{t('directorySync.newTechnicians.intro')}</p>
      <p className={isSet ? 'badge ok' : 'badge warn'}>{isSet ? t('directorySync.newTechnicians.isSet') : t('directorySync.newTechnicians.notSet')}</p>
      <form onSubmit={submit} noValidate>
        <NewPasswordFields
          label={t('directorySync.newTechnicians.defaultPassword')}
          confirmLabel={t('directorySync.newTechnicians.confirm')}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          userInputs={[]}
          showMismatch={mismatch}
        />
        <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} policy={policy} />
        <div className="actions">
          <button type="submit" disabled={pending || password === ''}>
            {isSet ? t('directorySync.newTechnicians.change') : t('directorySync.newTechnicians.set')}
          </button>
        </div>
      </form>
      <fieldset className="plain">
        <legend>{t('directorySync.newTechnicians.licenses')}</legend>
        <label className="check">
          <input type="checkbox" checked={standard} onChange={(event) => edit({ standardLicense: event.target.checked })} />
          {t('directorySync.newTechnicians.standard')}
        </label>
        <label className="check">
          <input type="checkbox" checked={mobile} onChange={(event) => edit({ mobileLicense: event.target.checked })} />
          {t('directorySync.newTechnicians.mobile')}
        </label>
      </fieldset>
    </section>
  );
}

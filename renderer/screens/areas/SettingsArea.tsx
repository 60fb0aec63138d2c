import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_PREFERENCES, type AppInfo, type LanguagePreference, type VaultStatus } from '../../../shared/ipc/schemas';
import { api, ApiError, unwrap } from '../../api/client';
import { applyLanguagePreference } from '../../app/i18n';
import { isAdministrator } from '../../app/permissions';
import { useAppStore } from '../../store';
import { WorkspacePanel } from '../workspace/WorkspacePanel';

const LANGUAGE_LABEL_KEYS = { system: 'settings.languageSystem', en: 'settings.languageEn', nl: 'settings.languageNl' } as const;

export function SettingsArea() {
  const { t } = useTranslation();
  const languageId = useId();
  const language = useAppStore((state) => state.language);
  const setLanguagePreference = useAppStore((state) => state.setLanguagePreference);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [licenses, setLicenses] = useState<{ seats: number; inUse: number } | null>(null);
  const [seats, setSeats] = useState('');
  /** Why the core refused the seats: fewer than are in use, or below zero. */
  const [seatsError, setSeatsError] = useState<string | null>(null);
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  // Technicians see their own settings (language, workspace); the vault and the license pool are the administrators'.
  const administrator = useAppStore((state) => isAdministrator(state.session));

  useEffect(() => {
    void unwrap(api().app.info()).then(setInfo);
    if (!administrator) return;
    void unwrap(api().vault.status()).then(setVault);
    void unwrap(api().settings.licenses()).then((value) => {
      setLicenses(value);
      setSeats(String(value.seats));
    });
  }, [administrator]);

  const saveSeats = async () => {
    setSeatsError(null);
    try {
      const saved = await unwrap(api().settings.setLicenseSeats({ seats: Number(seats) }));
      setLicenses(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'SEATS_BELOW_IN_USE') setSeatsError(t('settings.seatsBelowInUse', { count: Number(error.fields['inUse'] ?? licenses?.inUse ?? 0) }));
      else setSeatsError(t(`errors.${error.code}`));
    }
  };

  const changeLanguage = async (next: LanguagePreference) => {
    const saved = await unwrap(api().settings.setLanguage({ language: next }));
    setLanguagePreference(saved.language);
    await applyLanguagePreference(saved.language);
  };

  return (
    <>
      <header className="content-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <section className="panel">
        <div className="field">
          <label htmlFor={languageId}>{t('settings.language')}</label>
          <select id={languageId} value={language} onChange={(event) => void changeLanguage(event.target.value as LanguagePreference)}>
            {LANGUAGE_PREFERENCES.map((option) => (
              <option key={option} value={option}>
                {t(LANGUAGE_LABEL_KEYS[option])}
              </option>
            ))}
          </select>
          <p className="field-hint">{t('settings.languageHelp')}</p>
        </div>
      </section>
      <WorkspacePanel />
      {administrator ? (
      <section className="panel" aria-labelledby="secure-storage">
        <h2 id="secure-storage">{t('settings.secureStorage')}</h2>
        {vault ? (
          <p className={vault.mode === 'keychain' ? 'status ok' : 'status warn'} data-testid="vault-status">
            {vault.mode === 'keychain'
              ? t('settings.secureStorageOn', { backend: vault.backend ?? '' })
              : vault.mode === 'process-key'
                ? t('settings.secureStorageProcessKey')
                : t('settings.secureStorageOff', { reason: t(`settings.reason_${(vault.reason ?? 'encryption-unavailable').replaceAll('-', '_')}`) })}
          </p>
        ) : null}
      </section>
      ) : null}
      {licenses ? (
        <section className="panel" aria-labelledby="licenses">
          <h2 id="licenses">{t('settings.licenses')}</h2>
          <p className="field-hint">{t('settings.licensesHelp', { count: licenses.inUse, seats: licenses.seats })}</p>
          <form
            className="inline-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void saveSeats();
            }}
          >
            <label htmlFor="license-seats">{t('settings.seats')}</label>
            <input
              id="license-seats"
              type="number"
              min={0}
              value={seats}
              onChange={(event) => {
                setSeats(event.target.value);
                setSeatsError(null);
              }}
              disabled={!isMaster}
              aria-invalid={seatsError ? true : undefined}
              aria-describedby={seatsError ? 'license-seats-error' : undefined}
            />
            <button type="submit" disabled={!isMaster || !/^-?\d+$/.test(seats.trim())}>
              {t('settings.saveSeats')}
            </button>
          </form>
          {seatsError ? (
            <p id="license-seats-error" className="field-error" role="alert">
              {seatsError}
            </p>
          ) : null}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="about">
        <h2 id="about">{t('settings.about')}</h2>
        {info ? (
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('settings.dataFolder')}</dt>
            <dd className="mono">{info.dataDir}</dd>
          </dl>
        ) : null}
      </section>
    </>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import type { OrgSettings } from '../../../shared/org/schemas';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { useAction } from './use-action';

const SCORES = [0, 1, 2, 3, 4] as const;

/** Global settings (Algemene instellingen): the password policy, who sees which groups, and the technician licenses. */
export function GlobalSettingsTab() {
  const { t } = useTranslation();
  const settings = useAppStore((state) => state.orgSettings);
  const licenses = useAppStore((state) => state.orgLicenses);
  const isMaster = useAppStore((state) => state.session?.role === 'master_admin');
  // Outside the forms: a saved form starts again from what is stored (its key changes), the message stays.
  const [notice, setNotice] = useState<string | null>(null);
  if (!settings || !licenses) return <p className="muted">{t('app.loading')}</p>;
  return (
    <div className="org-settings">
      {!isMaster ? <p className="muted">{t('org.settings.readOnly')}</p> : null}
      {/* Keyed by what is stored: saved elsewhere (another window), the form starts again from it. */}
      <PolicyForm key={JSON.stringify(settings)} policy={settings.passwordPolicy} org={settings.org} editable={isMaster} onSaved={setNotice} />
      <LicensesForm key={`${licenses.standard.seats}/${licenses.mobile.seats}`} standard={licenses.standard} mobile={licenses.mobile} editable={isMaster} onSaved={setNotice} />
      <p className="org-notice" role="status">
        {notice}
      </p>
    </div>
  );
}

function PolicyForm({ policy, org, editable, onSaved }: { readonly policy: PasswordPolicy; readonly org: OrgSettings; readonly editable: boolean; readonly onSaved: (message: string | null) => void }) {
  const { t } = useTranslation();
  const setSettings = useAppStore((state) => state.orgSetSettings);
  const setPolicy = useAppStore((state) => state.setPolicy);
  const scoreId = useId();
  const lengthId = useId();
  const [draft, setDraft] = useState({ ...policy, ...org });
  const { pending, problem, run } = useAction();
  const minLengthValid = /^\d+$/.test(String(draft.minLength)) && draft.minLength >= 1 && draft.minLength <= 128;
  const submit = () =>
    void run(async () => {
      onSaved(null);
      const next = await unwrap(
        api().org.setSettings({
          passwordPolicy: { minLength: draft.minLength, minScore: draft.minScore, adminChangesForceChange: draft.adminChangesForceChange },
          org: { showGroupsOnlyToAssigned: draft.showGroupsOnlyToAssigned },
        }),
      );
      setSettings(next);
      setPolicy(next.passwordPolicy);
      onSaved(t('org.settings.saved'));
    });
  return (
    <form
      className="panel"
      aria-labelledby="policy-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="plain" disabled={!editable || pending}>
        <h2 id="policy-heading">{t('org.settings.passwordPolicy')}</h2>
        <div className="field">
          <label htmlFor={scoreId}>{t('org.settings.minStrength')}</label>
          <select id={scoreId} value={draft.minScore} onChange={(event) => setDraft({ ...draft, minScore: Number(event.target.value) })}>
            {SCORES.map((score) => (
              <option key={score} value={score}>
                {t(`strength.score${score}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={lengthId}>{t('org.settings.minLength')}</label>
          <input id={lengthId} type="number" min={1} max={128} value={draft.minLength} onChange={(event) => setDraft({ ...draft, minLength: Math.trunc(Number(event.target.value)) })} aria-invalid={minLengthValid ? undefined : true} />
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.adminChangesForceChange} onChange={(event) => setDraft({ ...draft, adminChangesForceChange: event.target.checked })} />
          {t('org.settings.forceChange')}
        </label>
        <h2 className="spaced">{t('org.settings.visibility')}</h2>
        <label className="check">
          <input type="checkbox" checked={draft.showGroupsOnlyToAssigned} onChange={(event) => setDraft({ ...draft, showGroupsOnlyToAssigned: event.target.checked })} />
          {t('org.settings.showOnlyAssigned')}
        </label>
        <p className="field-hint">{t('org.settings.showOnlyAssignedHint')}</p>
      </fieldset>
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      {editable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={pending || !minLengthValid}>
            {t('org.settings.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

type Pool = { readonly seats: number; readonly inUse: number };

function LicensesForm({ standard, mobile, editable, onSaved }: { readonly standard: Pool; readonly mobile: Pool; readonly editable: boolean; readonly onSaved: (message: string | null) => void }) {
  const { t } = useTranslation();
  const setLicenses = useAppStore((state) => state.orgSetLicenses);
  const standardId = useId();
  const mobileId = useId();
  const [seats, setSeats] = useState({ standard: String(standard.seats), mobile: String(mobile.seats) });
  const { pending, problem, run } = useAction();
  const valid = /^\d+$/.test(seats.standard.trim()) && /^\d+$/.test(seats.mobile.trim());
  const submit = () =>
    void run(async () => {
      onSaved(null);
      setLicenses(await unwrap(api().org.setLicenseSeats({ standard: Number(seats.standard), mobile: Number(seats.mobile) })));
      onSaved(t('org.settings.licensesSaved'));
    });
  const kindError = (kind: 'standard' | 'mobile') => problem?.code === 'SEATS_BELOW_IN_USE' && problem.fields['kind'] === kind;
  return (
    <form
      className="panel"
      aria-labelledby="licenses-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id="licenses-heading">{t('org.settings.licenses')}</h2>
      <p className="field-hint">{t('org.settings.licensesIntro')}</p>
      <fieldset className="plain seats-grid" disabled={!editable || pending}>
        <div className="field">
          <label htmlFor={standardId}>{t('org.settings.standardSeats')}</label>
          <input id={standardId} type="number" min={0} value={seats.standard} onChange={(event) => setSeats({ ...seats, standard: event.target.value })} aria-invalid={kindError('standard') ? true : undefined} />
          <p className="field-hint">{t('org.settings.inUse', { inUse: standard.inUse })}</p>
        </div>
        <div className="field">
          <label htmlFor={mobileId}>{t('org.settings.mobileSeats')}</label>
          <input id={mobileId} type="number" min={0} value={seats.mobile} onChange={(event) => setSeats({ ...seats, mobile: event.target.value })} aria-invalid={kindError('mobile') ? true : undefined} />
          <p className="field-hint">{t('org.settings.inUse', { inUse: mobile.inUse })}</p>
        </div>
      </fieldset>
      <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
      {editable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={pending || !valid}>
            {t('org.settings.saveLicenses')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

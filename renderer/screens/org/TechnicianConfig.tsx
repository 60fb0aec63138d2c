import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveRights } from '../../../shared/org/rights';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { ErrorAlert, rightLabel } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { TextField } from '../../components/TextField';
import { useAppStore } from '../../store';
import { reloadOrg } from './GroupDialogs';
import { groupPath, manageableGroupOptions, problemMessages } from './org-model';
import { useAction } from './use-action';
import { useFocusAfterMenu } from './use-focus-after-menu';

/**
 * The Configuration page (Configuratie) of the selected technician, or of the one being created: the seed's options
 * in its order, then Status, the licenses, the inherited rights, Move to Technician Group and Save changes.
 */
export function TechnicianConfig() {
  const { t, i18n } = useTranslation();
  const draft = useAppStore((state) => state.orgDraft);
  const detail = useAppStore((state) => state.orgDetail);
  const tree = useAppStore((state) => state.orgTree);
  const licenses = useAppStore((state) => state.orgLicenses);
  const settings = useAppStore((state) => state.orgSettings);
  const sessionPolicy = useAppStore((state) => state.policy);
  const problem = useAppStore((state) => state.orgProblem);
  const saving = useAppStore((state) => state.orgSaving);
  const dirty = useAppStore((state) => state.unsavedChanges);
  const edit = useAppStore((state) => state.orgEdit);
  const save = useAppStore((state) => state.orgSave);
  const discard = useAppStore((state) => state.orgDiscardDraft);
  const [saved, setSaved] = useState<string | null>(null);
  const moving = useAction();
  const moveId = useId();
  const statusId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const policy = settings?.passwordPolicy ?? sessionPolicy;
  const messages = useMemo(() => problemMessages(t, problem, policy), [t, problem, policy]);
  const userInputs = useMemo(() => [draft?.name ?? '', draft?.email ?? ''], [draft?.name, draft?.email]);
  const form = useRef<HTMLFormElement>(null);
  const startedNew = draft !== null && draft.id === null;
  useFocusAfterMenu(form, startedNew);
  if (!draft || !tree) return null;

  const isNew = draft.id === null;
  const manageable = isNew || (detail?.manageable ?? false);
  const groupOptions = manageableGroupOptions(tree, i18n.language);
  const groupName = groupPath(tree, draft.groupId);
  const rights = isNew ? effectiveRights(tree.groups.find((group) => group.id === draft.groupId)?.rights ?? []) : (detail?.effectiveRights ?? []);
  const nickname = draft.nickname.trim() || t('org.config.nicknameExampleDefault');
  const minLabel = policy ? t(`strength.score${policy.minScore}`) : '';

  const onSave = async () => {
    setSaved(null);
    const name = draft.name;
    if (await save()) setSaved(isNew ? t('org.config.created', { name }) : t('org.config.saved'));
  };
  const moveTo = (groupId: number) => {
    setSaved(null);
    if (isNew) {
      edit({ groupId });
      return;
    }
    void moving.run(async () => {
      await unwrap(api().org.moveTechnician({ id: draft.id ?? '', groupId }));
      setSaved(t('org.tree.moved', { name: detail?.name ?? draft.name, group: groupPath(tree, groupId) }));
      await reloadOrg();
    });
  };

  return (
    <form
      ref={form}
      className="panel wide tech-config"
      aria-labelledby={`${statusId}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      <header className="tech-config-header">
        <p className="muted">{t('org.config.title')}</p>
        <h2 id={`${statusId}-title`} ref={heading} className="truncate" title={isNew ? groupName : draft.name}>
          {isNew ? t('org.config.newTitle', { group: groupName }) : (detail?.name ?? draft.name)}
        </h2>
      </header>
      {!manageable ? <p className="muted">{t('org.config.readOnly')}</p> : null}
      <fieldset className="plain" disabled={!manageable || saving}>
        <TextField label={t('org.config.name')} value={draft.name} onChange={(name) => edit({ name })} hint={t('org.config.nameHint')} error={messages.name} maxLength={120} autoComplete="off" />
        <TextField
          label={t('org.config.nickname')}
          value={draft.nickname}
          onChange={(value) => edit({ nickname: value })}
          hint={`${t('org.config.nicknameHint')} ${t('org.config.nicknameExample', { nickname })}`}
          error={messages.nickname}
          maxLength={120}
          autoComplete="off"
        />
        <TextField label={t('org.config.email')} type="email" value={draft.email} onChange={(email) => edit({ email })} hint={t('org.config.emailHint')} error={messages.email} maxLength={254} autoComplete="off" spellCheck={false} />
        <TextField label={t('org.config.ssoId')} value={draft.ssoId} onChange={(ssoId) => edit({ ssoId })} hint={t('org.config.ssoIdHint')} error={messages.ssoId} maxLength={128} autoComplete="off" spellCheck={false} />
        <TextField label={t('org.config.description')} value={draft.description} onChange={(description) => edit({ description })} hint={t('org.config.descriptionHint')} error={messages.description} maxLength={1000} autoComplete="off" />
        <div className="password-row">
          <PasswordField label={isNew ? t('org.config.password') : t('org.config.newPassword')} value={draft.password} onChange={(password) => edit({ password })} autoComplete="new-password">
            {!isNew ? <p className="field-hint">{t('org.config.newPasswordHint')}</p> : null}
            {policy && draft.password ? <StrengthMeter password={draft.password} policy={policy} userInputs={userInputs} /> : null}
            {messages.password ? (
              <p className="field-error" role="alert">
                {messages.password}
              </p>
            ) : null}
          </PasswordField>
          {policy ? (
            <dl className="min-strength">
              <dt>{t('org.config.minStrength')}</dt>
              <dd>{t('org.config.minStrengthValue', { label: minLabel, minLength: policy.minLength })}</dd>
              {policy.adminChangesForceChange ? <dd className="muted">{t('org.config.forceChange')}</dd> : null}
            </dl>
          ) : null}
        </div>
        <fieldset className="check-list">
          <legend>{t('org.config.status')}</legend>
          <label>
            <input type="checkbox" checked={draft.enabled} onChange={(event) => edit({ enabled: event.target.checked })} />
            {t('org.config.enabled')}
          </label>
        </fieldset>
        <fieldset className="check-list">
          <legend>{t('org.config.licenses')}</legend>
          <LicenseBox label={t('org.config.standardLicense')} checked={draft.standardLicense} onChange={(standardLicense) => edit({ standardLicense })} use={licenses?.standard} error={messages.standardLicense} />
          <LicenseBox
            label={t('org.config.mobileLicense')}
            checked={draft.mobileLicense}
            onChange={(mobileLicense) => edit({ mobileLicense })}
            use={licenses?.mobile}
            error={messages.mobileLicense}
            disabled={!draft.enabled}
            note={!draft.enabled ? t('org.config.disabledNote') : null}
          />
        </fieldset>
      </fieldset>
      <section className="rights-block" aria-labelledby={`${statusId}-rights`}>
        <h3 id={`${statusId}-rights`}>{t('org.config.rights')}</h3>
        {rights.length ? (
          <ul className="rights-list">
            {rights.map((right) => (
              <li key={right}>{rightLabel(t, right)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('org.config.noRights')}</p>
        )}
      </section>
      {manageable ? (
        <div className="field">
          <label htmlFor={moveId}>{isNew ? t('org.config.group') : t('org.config.moveTo')}</label>
          <select id={moveId} value={draft.groupId} onChange={(event) => moveTo(Number(event.target.value))} disabled={moving.pending || saving}>
            {groupOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ErrorAlert code={moving.problem?.code ?? null} fields={moving.problem?.fields ?? null} />
      {messages.general ? (
        <div className="alert" role="alert">
          <p>{messages.general}</p>
        </div>
      ) : null}
      {detail && !isNew ? (
        <p className="muted small-print">
          {t('org.config.lastSignIn')}: {detail.lastSignInAt ? formatDateTime(detail.lastSignInAt, i18n.language) : t('org.config.never')}
        </p>
      ) : null}
      <p className="org-notice" role="status">
        {saved}
      </p>
      {manageable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={saving || (!dirty && !isNew)}>
            {t('org.config.save')}
          </button>
          {isNew || dirty ? (
            <button type="button" className="ghost" onClick={discard} disabled={saving}>
              {t('org.config.cancelNew')}
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function LicenseBox(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (value: boolean) => void;
  readonly use: { readonly seats: number; readonly inUse: number } | undefined;
  readonly error: string | undefined;
  readonly disabled?: boolean;
  readonly note?: string | null;
}): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [props.use ? `${id}-use` : null, props.error ? `${id}-error` : null, props.note ? `${id}-note` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="license-box">
      <label>
        <input type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} disabled={props.disabled} aria-describedby={describedBy} aria-invalid={props.error ? true : undefined} />
        {props.label}
      </label>
      {props.use ? (
        <span id={`${id}-use`} className="muted license-use">
          {t('org.config.licenseUse', { inUse: props.use.inUse, seats: props.use.seats })}
        </span>
      ) : null}
      {props.note ? (
        <p id={`${id}-note`} className="field-hint">
          {props.note}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

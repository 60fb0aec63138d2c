import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Administrator, OrgTree } from '../../../shared/org/schemas';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { TextField } from '../../components/TextField';
import { useAppStore } from '../../store';
import { ConfirmDialog } from './ConfirmDialog';
import { groupPath } from './org-model';
import { useAction } from './use-action';

type Role = Administrator['role'];
type RowDialog = { readonly kind: 'groups' | 'role' | 'status'; readonly admin: Administrator } | { readonly kind: 'create' };

/** The groups of the tree by path, for the pickers. */
function groupChoices(tree: OrgTree | null, language: string): Array<{ readonly id: number; readonly label: string }> {
  if (!tree) return [];
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return tree.groups.map((group) => ({ id: group.id, label: groupPath(tree, group.id) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** The Administrators tab (Master Administrators): who manages which technician groups. */
export function AdministratorsTab() {
  const { t, i18n } = useTranslation();
  const tree = useAppStore((state) => state.orgTree);
  const me = useAppStore((state) => state.session?.adminId);
  const [admins, setAdmins] = useState<Administrator[] | null>(null);
  const [dialog, setDialog] = useState<RowDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loading = useAction();
  const load = loading.run;
  const refresh = useCallback(() => void load(async () => setAdmins(await unwrap(api().org.administrators()))), [load]);
  useEffect(() => {
    refresh();
    return api().on('orgChanged', refresh);
  }, [refresh]);
  const choices = useMemo(() => groupChoices(tree, i18n.language), [tree, i18n.language]);
  const groupNames = (admin: Administrator) =>
    admin.role === 'master_admin' ? t('org.admins.allGroups') : admin.groupIds.length ? admin.groupIds.map((id) => choices.find((choice) => choice.id === id)?.label ?? `#${id}`).join(', ') : t('org.admins.noGroups');

  const update = async (admin: Administrator, changes: Partial<Pick<Administrator, 'role' | 'enabled' | 'groupIds'>>) => {
    const next = { id: admin.id, role: admin.role, enabled: admin.enabled, groupIds: admin.groupIds, ...changes };
    setAdmins(await unwrap(api().org.updateAdministrator(next)));
    setDialog(null);
    setNotice(t('org.admins.saved'));
  };

  return (
    <section className="panel wide" aria-labelledby="admins-heading">
      <div className="card-header">
        <h2 id="admins-heading">{t('org.admins.heading')}</h2>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('org.admins.create')}
        </button>
      </div>
      <p className="muted">{t('org.admins.intro')}</p>
      <ErrorAlert code={loading.problem?.code ?? null} fields={loading.problem?.fields ?? null} />
      <p className="org-notice" role="status">
        {notice}
      </p>
      {admins ? (
        <div className="table-scroll">
          <table className="history-table admins-table" aria-label={t('org.admins.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('org.admins.columns.name')}</th>
                <th scope="col">{t('org.admins.columns.role')}</th>
                <th scope="col">{t('org.admins.columns.status')}</th>
                <th scope="col">{t('org.admins.columns.groups')}</th>
                <th scope="col">{t('org.admins.columns.lastSignIn')}</th>
                <th scope="col">{t('org.admins.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {admins.map((admin) => (
                <tr key={admin.id} className={admin.enabled ? undefined : 'undone'}>
                  <td className="name-cell">
                    <span className="truncate" title={`${admin.name} <${admin.email}>`}>
                      {admin.name}
                    </span>
                    {admin.id === me ? <span className="badge ok">{t('org.admins.you')}</span> : null}
                    <span className="cell-sub truncate" title={admin.email}>
                      {admin.email}
                    </span>
                  </td>
                  <td>{t(`roles.${admin.role}`)}</td>
                  <td>{admin.enabled ? t('org.admins.enabled') : t('org.admins.disabled')}</td>
                  <td className="groups-cell">
                    <span className="clamp" title={groupNames(admin)}>
                      {groupNames(admin)}
                    </span>
                  </td>
                  <td>{admin.lastSignInAt ? formatDateTime(admin.lastSignInAt, i18n.language) : t('org.admins.never')}</td>
                  <td>
                    <div className="row-buttons">
                      {admin.role === 'admin' ? (
                        <button type="button" className="small" onClick={() => setDialog({ kind: 'groups', admin })} aria-label={`${t('org.admins.assign')}: ${admin.name}`}>
                          {t('org.admins.assign')}
                        </button>
                      ) : null}
                      <button type="button" className="small" onClick={() => setDialog({ kind: 'role', admin })} aria-label={`${admin.role === 'admin' ? t('org.admins.promote') : t('org.admins.demote')}: ${admin.name}`}>
                        {admin.role === 'admin' ? t('org.admins.promote') : t('org.admins.demote')}
                      </button>
                      <button type="button" className="small" onClick={() => setDialog({ kind: 'status', admin })} aria-label={`${admin.enabled ? t('org.admins.disable') : t('org.admins.enable')}: ${admin.name}`}>
                        {admin.enabled ? t('org.admins.disable') : t('org.admins.enable')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
      {dialog?.kind === 'create' ? (
        <CreateAdministratorDialog
          choices={choices}
          onClose={() => setDialog(null)}
          onCreated={(name) => {
            setDialog(null);
            setNotice(t('org.admins.created', { name }));
            refresh();
          }}
        />
      ) : null}
      {dialog?.kind === 'groups' ? <AssignGroupsDialog admin={dialog.admin} choices={choices} onClose={() => setDialog(null)} onSave={(groupIds) => update(dialog.admin, { groupIds })} /> : null}
      {dialog?.kind === 'role' ? (
        <ConfirmDialog
          title={dialog.admin.role === 'admin' ? t('org.admins.promoteTitle', { name: dialog.admin.name }) : t('org.admins.demoteTitle', { name: dialog.admin.name })}
          body={dialog.admin.role === 'admin' ? t('org.admins.promoteBody', { name: dialog.admin.name }) : t('org.admins.demoteBody', { name: dialog.admin.name })}
          confirm={dialog.admin.role === 'admin' ? t('org.admins.promote') : t('org.admins.demote')}
          cancel={t('common.cancel')}
          onConfirm={() => update(dialog.admin, { role: dialog.admin.role === 'admin' ? 'master_admin' : 'admin' })}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'status' ? (
        <ConfirmDialog
          title={dialog.admin.enabled ? t('org.admins.disableTitle', { name: dialog.admin.name }) : t('org.admins.enableTitle', { name: dialog.admin.name })}
          body={dialog.admin.enabled ? t('org.admins.disableBody', { name: dialog.admin.name }) : t('org.admins.enableBody', { name: dialog.admin.name })}
          confirm={dialog.admin.enabled ? t('org.admins.disable') : t('org.admins.enable')}
          cancel={t('common.cancel')}
          danger={dialog.admin.enabled}
          onConfirm={() => update(dialog.admin, { enabled: !dialog.admin.enabled })}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}

function GroupChecklist({ choices, selected, onChange, legend, hint }: { readonly choices: ReadonlyArray<{ readonly id: number; readonly label: string }>; readonly selected: ReadonlySet<number>; readonly onChange: (next: Set<number>) => void; readonly legend: string; readonly hint: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="check-list group-checklist">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {choices.length === 0 ? <p className="muted">{t('org.admins.noGroups')}</p> : null}
      {choices.map((choice) => (
        <label key={choice.id} title={choice.label}>
          <input
            type="checkbox"
            checked={selected.has(choice.id)}
            onChange={(event) => {
              const next = new Set(selected);
              if (event.target.checked) next.add(choice.id);
              else next.delete(choice.id);
              onChange(next);
            }}
          />
          <span className="truncate">{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function AssignGroupsDialog({ admin, choices, onClose, onSave }: { readonly admin: Administrator; readonly choices: ReadonlyArray<{ readonly id: number; readonly label: string }>; readonly onClose: () => void; readonly onSave: (groupIds: number[]) => Promise<void> }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set(admin.groupIds));
  const { pending, problem, run } = useAction();
  return (
    <Dialog title={t('org.admins.assignTitle', { name: admin.name })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => onSave([...selected]));
        }}
      >
        <GroupChecklist choices={choices} selected={selected} onChange={setSelected} legend={t('org.admins.groups')} hint={t('org.admins.groupsHint')} />
        <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
        <div className="actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CreateAdministratorDialog({ choices, onClose, onCreated }: { readonly choices: ReadonlyArray<{ readonly id: number; readonly label: string }>; readonly onClose: () => void; readonly onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const roleId = useId();
  const policy = useAppStore((state) => state.orgSettings?.passwordPolicy ?? state.policy);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('admin');
  const [groups, setGroups] = useState<ReadonlySet<number>>(new Set());
  const { pending, problem, run } = useAction();
  const userInputs = useMemo(() => [name, email], [name, email]);
  const fieldError = (field: string) => (problem?.code === 'VALIDATION_FAILED' && problem.fields[field] ? problem.fields[field] : null);
  const nameError = fieldError('name') ? t('org.fieldErrors.nameRequired') : null;
  const emailError = problem?.code === 'EMAIL_TAKEN' ? t('errors.EMAIL_TAKEN') : fieldError('email') ? t('org.fieldErrors.emailInvalid') : null;
  const passwordError =
    problem?.code === 'WEAK_PASSWORD'
      ? [t('errors.WEAK_PASSWORD'), policy ? t('strength.policy', { minLength: policy.minLength, minLabel: t(`strength.score${policy.minScore}`) }) : ''].join(' ')
      : fieldError('password')
        ? t('org.fieldErrors.passwordRequired')
        : null;
  const general = problem && !nameError && !emailError && !passwordError ? problem : null;
  return (
    <Dialog title={t('org.admins.createTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await unwrap(api().org.createAdministrator({ name, email, password, role, groupIds: role === 'admin' ? [...groups] : [] }));
            onCreated(name.trim());
          });
        }}
      >
        <TextField label={t('common.name')} value={name} onChange={setName} error={nameError} autoFocus maxLength={120} autoComplete="off" />
        <TextField label={t('common.email')} type="email" value={email} onChange={setEmail} error={emailError} maxLength={254} autoComplete="off" spellCheck={false} />
        <PasswordField label={t('common.password')} value={password} onChange={setPassword} autoComplete="new-password">
          {policy ? <StrengthMeter password={password} policy={policy} userInputs={userInputs} /> : null}
          {passwordError ? (
            <p className="field-error" role="alert">
              {passwordError}
            </p>
          ) : null}
        </PasswordField>
        <div className="field">
          <label htmlFor={roleId}>{t('org.admins.role')}</label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.target.value === 'master_admin' ? 'master_admin' : 'admin')}>
            <option value="admin">{t('roles.admin')}</option>
            <option value="master_admin">{t('roles.master_admin')}</option>
          </select>
        </div>
        {role === 'admin' ? <GroupChecklist choices={choices} selected={groups} onChange={setGroups} legend={t('org.admins.groups')} hint={t('org.admins.groupsHint')} /> : null}
        <ErrorAlert code={general?.code ?? null} fields={general?.fields ?? null} />
        <div className="actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {t('org.admins.submitCreate')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { useId, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEAM_FAILURE_CODES, TLS_MODES, type TeamProbe } from '../../../shared/workspace/connection';
import { api, unwrap } from '../../api/client';
import { useSubmit } from '../../app/use-submit';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { useAppStore } from '../../store';
import type { WorkspaceDialogKind } from '../../store/slices/workspace.slice';
import { draftFrom, EMPTY_DRAFT, readDraft, type ConnectionDraft, type DraftField, type DraftProblem } from './connection-draft';

const TITLES = { join: 'workspace.joinTitle', create: 'workspace.createTitle', move: 'workspace.moveTitle' } as const;
const INTROS = { join: 'workspace.joinIntro', create: 'workspace.createIntro', move: 'workspace.moveIntro' } as const;
const SUBMITS = { join: 'workspace.joinSubmit', create: 'workspace.createSubmit', move: 'workspace.moveSubmit' } as const;

type Edit = { readonly field: DraftField; readonly value: string };

function editDraft(draft: ConnectionDraft, edit: Edit): ConnectionDraft {
  return { ...draft, [edit.field]: edit.value };
}

/**
 * The team connection form, shared by Join, Create and Move: the server's address, the database user and
 * its password (kept in this workstation's vault), TLS; *Test connection* says what is there before anything
 * is opened. Create adds the team's first Master Administrator.
 */
export function WorkspaceDialog({ kind }: { readonly kind: WorkspaceDialogKind }) {
  const { t } = useTranslation();
  const prefill = useAppStore((state) => state.workspaceDialog?.prefill ?? null);
  const close = useAppStore((state) => state.closeWorkspaceDialog);
  const policy = useAppStore((state) => state.policy);
  const [draft, edit] = useReducer(editDraft, prefill ? draftFrom(prefill) : EMPTY_DRAFT);
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [probe, setProbe] = useState<TeamProbe | null>(null);
  const [admin, editAdmin] = useReducer((state: { name: string; email: string; password: string; confirm: string }, change: Partial<typeof state>) => ({ ...state, ...change }), {
    name: '',
    email: '',
    password: '',
    confirm: '',
  });
  const [mismatch, setMismatch] = useState(false);
  const testing = useSubmit();
  const submitting = useSubmit();
  const tlsId = useId();
  const userInputs = useMemo(() => [admin.name, admin.email], [admin.name, admin.email]);

  const field = (name: DraftField) => ({
    value: draft[name],
    onChange: (value: string) => {
      edit({ field: name, value });
      setProbe(null);
      setProblems((current) => ({ ...current, [name]: undefined }));
    },
    error: problems[name] ? t(`workspace.form.${problems[name]}`) : null,
  });

  const read = () => {
    const result = readDraft(draft);
    if (!result.ok) setProblems(result.problems);
    return result.ok ? result : null;
  };

  const test = () =>
    void testing.run(async () => {
      const input = read();
      if (!input) return;
      setProbe(null);
      setProbe(await unwrap(api().workspace.test({ connection: input.connection, password: input.password })));
    });

  const submit = () => {
    const input = read();
    if (!input) return;
    if (kind === 'create') {
      setMismatch(admin.password !== admin.confirm);
      if (admin.password !== admin.confirm) return;
    }
    void submitting.run(async () => {
      const { connection, password } = input;
      if (kind === 'join') await unwrap(api().workspace.join({ connection, password }));
      if (kind === 'create') await unwrap(api().workspace.createTeam({ connection, password, admin: { name: admin.name, email: admin.email, password: admin.password } }));
      if (kind === 'move') await unwrap(api().workspace.moveToTeam({ connection, password }));
      // The switch reaches every window as workspaceChanged (with what a move copied), which starts them again on the new workspace.
    });
  };

  return (
    <Dialog title={t(TITLES[kind])} onClose={close}>
      <form
        className="workspace-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="field-hint">{t(INTROS[kind])}</p>
        <div className="form-grid">
          <TextField label={t('workspace.form.host')} hint={t('workspace.form.hostHelp')} autoFocus autoComplete="off" spellCheck={false} required {...field('host')} />
          <TextField label={t('workspace.form.port')} inputMode="numeric" autoComplete="off" required {...field('port')} />
          <TextField label={t('workspace.form.database')} autoComplete="off" spellCheck={false} required {...field('database')} />
          <TextField label={t('workspace.form.user')} autoComplete="off" spellCheck={false} required {...field('user')} />
        </div>
        <PasswordField label={t('workspace.form.password')} value={draft.password} onChange={field('password').onChange} autoComplete="current-password">
          {prefill ? <p className="field-hint">{t('workspace.form.passwordStored')}</p> : null}
        </PasswordField>
        <div className="field">
          <label htmlFor={tlsId}>{t('workspace.form.tls')}</label>
          <select id={tlsId} value={draft.tls} onChange={(event) => field('tls').onChange(event.target.value)}>
            {TLS_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`workspace.form.tlsModes.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        {draft.tls === 'verify-full' ? <TextField label={t('workspace.form.caFile')} hint={t('workspace.form.caFileHelp')} autoComplete="off" spellCheck={false} {...field('caFile')} /> : null}
        <div className="actions">
          <button type="button" onClick={test} disabled={testing.pending}>
            {testing.pending ? t('workspace.form.testing') : t('workspace.form.test')}
          </button>
        </div>
        <ProbeLine probe={probe} />
        <ErrorAlert code={testing.error} />
        {kind === 'create' ? (
          <fieldset className="first-admin">
            <legend>{t('workspace.firstAdmin')}</legend>
            <TextField label={t('common.name')} value={admin.name} onChange={(name) => editAdmin({ name })} autoComplete="name" required />
            <TextField label={t('common.email')} value={admin.email} onChange={(email) => editAdmin({ email })} type="email" autoComplete="email" required />
            <NewPasswordFields
              label={t('common.password')}
              confirmLabel={t('firstRun.confirmPassword')}
              password={admin.password}
              confirm={admin.confirm}
              onPassword={(password) => editAdmin({ password })}
              onConfirm={(confirm) => editAdmin({ confirm })}
              userInputs={userInputs}
              showMismatch={mismatch}
            />
          </fieldset>
        ) : null}
        {kind !== 'join' ? <p className="field-hint">{t('workspace.switchWarning')}</p> : null}
        <ErrorAlert code={submitting.error} policy={policy} />
        <div className="actions">
          <button type="button" className="ghost" onClick={close}>
            {t('workspace.cancel')}
          </button>
          <button type="submit" className="primary" disabled={submitting.pending}>
            {submitting.pending ? t('workspace.working') : t(SUBMITS[kind])}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ProbeLine({ probe }: { readonly probe: TeamProbe | null }) {
  const { t } = useTranslation();
  if (!probe) return <p role="status" className="visually-hidden" />;
  if (probe.outcome === 'failed') {
    return (
      <div className="alert" role="alert">
        <p>{t(`errors.${TEAM_FAILURE_CODES[probe.failure]}`)}</p>
      </div>
    );
  }
  const text =
    probe.state === 'workspace'
      ? t('workspace.probe.workspace', { count: probe.administrators, version: probe.serverVersion })
      : t(`workspace.probe.${probe.state}`, { version: probe.serverVersion });
  return (
    <p role="status" className={probe.state === 'foreign' ? 'status warn' : 'status ok'}>
      {text}
    </p>
  );
}

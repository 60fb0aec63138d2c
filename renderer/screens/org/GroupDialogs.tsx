import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TECHNICIAN_RIGHTS, type Right } from '../../../shared/org/rights';
import type { OrgTree, TechnicianGroup, TechnicianSummary } from '../../../shared/org/schemas';
import { api, unwrap } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert, rightLabel } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { useAppStore } from '../../store';
import { manageableGroupOptions, nestTargets } from './org-model';
import { useAction, useFirstFieldFocus } from './use-action';

interface DialogBase {
  readonly onClose: () => void;
  /** Says what happened, for the area's status line. */
  readonly onDone: (message: string | null) => void;
}

/** Create a technician group (at the top, or as a subgroup), or rename one with its description. */
export function GroupNameDialog({ parent, group, onClose, onDone }: DialogBase & { readonly parent: TechnicianGroup | null; readonly group: TechnicianGroup | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const { pending, problem, run } = useAction();
  const form = useFirstFieldFocus();
  const title = group ? t('org.group.renameTitle', { name: group.name }) : parent ? t('org.group.createSubTitle', { name: parent.name }) : t('org.group.createTitle');
  const submit = () =>
    void run(async () => {
      if (group) await unwrap(api().org.updateGroup({ id: group.id, name, description, rights: group.rights }));
      else await unwrap(api().org.createGroup({ name, parentId: parent?.id ?? null }));
      onDone(null);
    });
  const nameError = problem?.code === 'GROUP_NAME_TAKEN' ? t('errors.GROUP_NAME_TAKEN') : problem?.code === 'VALIDATION_FAILED' && problem.fields['name'] ? t('org.fieldErrors.nameRequired') : null;
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField label={t('org.group.name')} value={name} onChange={setName} error={nameError} maxLength={100} />
        {group ? <TextField label={t('org.group.description')} value={description} onChange={setDescription} maxLength={1000} /> : null}
        {problem && !nameError ? <ErrorAlert code={problem.code} fields={problem.fields} /> : null}
        <div className="actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {group ? t('org.group.save') : t('org.group.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A dialog that picks one technician group from a list and submits it: nesting a group, moving a technician. */
function GroupPickerDialog(props: {
  readonly title: string;
  readonly label: string;
  readonly submitLabel: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** Does the change and says what happened. */
  readonly onPick: (value: string) => Promise<string | null>;
  readonly onClose: () => void;
  readonly onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [target, setTarget] = useState(props.options[0]?.value ?? '');
  const { pending, problem, run } = useAction();
  const form = useFirstFieldFocus();
  const submit = () => void run(async () => props.onDone(await props.onPick(target)));
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor={id}>{props.label}</label>
          <select id={id} value={target} onChange={(event) => setTarget(event.target.value)}>
            {props.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
        <div className="actions">
          <button type="button" className="ghost" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending || target === ''}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Nest a group under another one (or at the top, for Master Administrators): the keyboard's way to drag a group. */
export function NestGroupDialog({ tree, group, onClose, onDone }: DialogBase & { readonly tree: OrgTree; readonly group: TechnicianGroup }) {
  const { t, i18n } = useTranslation();
  const targets = nestTargets(tree, group.id, i18n.language);
  const canTop = tree.canCreateTopLevel && group.parentId !== null;
  const options = [...(canTop ? [{ value: 'top', label: t('org.group.top') }] : []), ...targets.map((option) => ({ value: String(option.id), label: option.label }))];
  return (
    <GroupPickerDialog
      title={t('org.group.nestTitle', { name: group.name })}
      label={t('org.group.nestLabel')}
      submitLabel={t('org.group.nestSubmit')}
      options={options}
      onClose={onClose}
      onDone={onDone}
      onPick={async (target) => {
        const parentId = target === 'top' ? null : Number(target);
        await unwrap(api().org.moveGroup({ id: group.id, parentId }));
        const parent = targets.find((option) => option.id === parentId);
        return parent ? t('org.tree.groupMoved', { name: group.name, group: parent.label }) : t('org.tree.groupMovedTop', { name: group.name });
      }}
    />
  );
}

/** The group's access rights: what every technician in it inherits. */
export function RightsDialog({ group, onClose, onDone }: DialogBase & { readonly group: TechnicianGroup }) {
  const { t } = useTranslation();
  const [rights, setRights] = useState<ReadonlySet<Right>>(new Set(group.rights));
  const { pending, problem, run } = useAction();
  const form = useFirstFieldFocus();
  const toggle = (right: Right, on: boolean) => {
    const next = new Set(rights);
    if (on) next.add(right);
    else next.delete(right);
    setRights(next);
  };
  const submit = () =>
    void run(async () => {
      await unwrap(api().org.updateGroup({ id: group.id, name: group.name, description: group.description, rights: TECHNICIAN_RIGHTS.filter((right) => rights.has(right)) }));
      onDone(t('org.group.rightsSaved'));
    });
  return (
    <Dialog title={t('org.group.rightsTitle', { name: group.name })} onClose={onClose}>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="check-list">
          <legend>{t('org.group.rightsIntro')}</legend>
          {TECHNICIAN_RIGHTS.map((right) => (
            <label key={right}>
              <input type="checkbox" checked={rights.has(right)} onChange={(event) => toggle(right, event.target.checked)} />
              {rightLabel(t, right)}
            </label>
          ))}
        </fieldset>
        <ErrorAlert code={problem?.code ?? null} fields={problem?.fields ?? null} />
        <div className="actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {t('org.group.rightsSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Move a technician to another group: the keyboard's way to drag one. */
export function MoveTechnicianDialog({ tree, technician, onClose, onDone }: DialogBase & { readonly tree: OrgTree; readonly technician: TechnicianSummary }) {
  const { t, i18n } = useTranslation();
  const targets = manageableGroupOptions(tree, i18n.language).filter((option) => option.id !== technician.groupId);
  return (
    <GroupPickerDialog
      title={t('org.moveDialog.title', { name: technician.name })}
      label={t('org.moveDialog.label')}
      submitLabel={t('org.moveDialog.submit')}
      options={targets.map((option) => ({ value: String(option.id), label: option.label }))}
      onClose={onClose}
      onDone={onDone}
      onPick={async (target) => {
        await unwrap(api().org.moveTechnician({ id: technician.id, groupId: Number(target) }));
        return t('org.tree.moved', { name: technician.name, group: targets.find((option) => String(option.id) === target)?.label ?? '' });
      }}
    />
  );
}

/** Reloads the tree after a change made from this window (the orgChanged event does too; this is not left to chance). */
export function reloadOrg(): Promise<void> {
  return useAppStore.getState().orgLoad();
}

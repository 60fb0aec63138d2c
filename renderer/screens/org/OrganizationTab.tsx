import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Key } from 'react-aria-components';
import type { TechnicianGroup, TechnicianSummary } from '../../../shared/org/schemas';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert, rightLabel } from '../../components/ErrorAlert';
import { useAppStore } from '../../store';
import { ConfirmDialog } from './ConfirmDialog';
import { GroupNameDialog, MoveTechnicianDialog, NestGroupDialog, RightsDialog, reloadOrg } from './GroupDialogs';
import { buildNodes, groupKey, groupPath, technicianKey, type GroupNode, type NodeRef } from './org-model';
import { OrgTree } from './OrgTree';
import { TechnicianConfig } from './TechnicianConfig';
import { useAction } from './use-action';

type OpenDialog =
  | { readonly kind: 'create'; readonly parent: TechnicianGroup | null }
  | { readonly kind: 'rename' | 'nest' | 'rights' | 'delete'; readonly group: TechnicianGroup }
  | { readonly kind: 'moveTechnician'; readonly technician: TechnicianSummary };

/** The Organization tab: the organisation tree on the left, the selected technician's Configuration page on the right. */
export function OrganizationTab() {
  const { t, i18n } = useTranslation();
  const tree = useAppStore((state) => state.orgTree);
  const selected = useAppStore((state) => state.orgSelected);
  const draft = useAppStore((state) => state.orgDraft);
  const pending = useAppStore((state) => state.orgPending);
  const select = useAppStore((state) => state.orgSelect);
  const startNew = useAppStore((state) => state.orgStartNew);
  const confirmPending = useAppStore((state) => state.orgConfirmPending);
  const cancelPending = useAppStore((state) => state.orgCancelPending);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  const dropping = useAction();
  const nodes = useMemo(() => (tree ? buildNodes(tree, i18n.language) : []), [tree, i18n.language]);
  const expanded = useMemo(() => new Set<Key>((tree?.groups ?? []).map((group) => groupKey(group.id)).filter((key) => !collapsed.has(key))), [tree, collapsed]);

  if (!tree) return <p className="muted">{t('app.loading')}</p>;

  const done = (message: string | null) => {
    setDialog(null);
    setNotice(message);
    void reloadOrg();
  };
  const onDrop = (dragged: NodeRef, target: number | null) => {
    setNotice(null);
    void dropping.run(async () => {
      if (dragged.kind === 'technician') {
        const technician = tree.technicians.find((candidate) => candidate.id === dragged.id);
        await unwrap(api().org.moveTechnician({ id: dragged.id, groupId: target ?? 0 }));
        setNotice(t('org.tree.moved', { name: technician?.name ?? '', group: target === null ? '' : groupPath(tree, target) }));
      } else {
        const group = tree.groups.find((candidate) => candidate.id === dragged.id);
        await unwrap(api().org.moveGroup({ id: dragged.id, parentId: target }));
        setNotice(target === null ? t('org.tree.groupMovedTop', { name: group?.name ?? '' }) : t('org.tree.groupMoved', { name: group?.name ?? '', group: groupPath(tree, target) }));
      }
      await reloadOrg();
    });
  };
  const onGroupAction = (action: string, node: GroupNode) => {
    setNotice(null);
    const group = node.group;
    if (action === 'createTechnician') startNew(group.id);
    else if (action === 'createSubgroup') setDialog({ kind: 'create', parent: group });
    else if (action === 'rename' || action === 'nest' || action === 'rights' || action === 'delete') setDialog({ kind: action, group });
  };

  const selectedKey = draft?.id === null ? groupKey(draft.groupId) : selected ? (selected.kind === 'group' ? groupKey(selected.id) : technicianKey(selected.id)) : null;
  const selectedGroup = selected?.kind === 'group' ? tree.groups.find((group) => group.id === selected.id) : undefined;

  return (
    <div className="org-layout">
      <section className="org-tree-panel" aria-labelledby="org-tree-heading">
        <div className="card-header">
          <h2 id="org-tree-heading">{t('org.tree.heading')}</h2>
          {tree.canCreateTopLevel && tree.groups.length > 0 ? (
            <button type="button" className="small" onClick={() => setDialog({ kind: 'create', parent: null })}>
              {t('org.tree.createTopGroup')}
            </button>
          ) : null}
        </div>
        {tree.groups.length === 0 ? (
          <EmptyState title={t('org.tree.emptyTitle')} body={tree.canCreateTopLevel ? t('org.tree.emptyBodyMaster') : t('org.tree.emptyBodyAdmin')}>
            {tree.canCreateTopLevel ? (
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create', parent: null })}>
                {t('org.tree.createTopGroup')}
              </button>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <p className="field-hint">{t('org.tree.help')}</p>
            <OrgTree
              tree={tree}
              nodes={nodes}
              selectedKey={selectedKey}
              expanded={expanded}
              onExpandedChange={(keys) => setCollapsed(new Set((tree.groups ?? []).map((group) => groupKey(group.id)).filter((key) => !keys.has(key))))}
              onSelect={(node) => {
                setNotice(null);
                select(node);
              }}
              onGroupAction={onGroupAction}
              onTechnicianAction={(action, node) => {
                setNotice(null);
                if (action === 'open') select({ kind: 'technician', id: node.technician.id });
                else setDialog({ kind: 'moveTechnician', technician: node.technician });
              }}
              onDrop={onDrop}
            />
          </>
        )}
        <p className="org-notice" role="status">
          {notice}
        </p>
        <ErrorAlert code={dropping.problem?.code ?? null} fields={dropping.problem?.fields ?? null} />
      </section>
      <section className="org-detail-panel" aria-label={draft ? t('org.config.title') : t('org.group.summary')}>
        {draft ? <TechnicianConfig /> : selectedGroup ? <GroupSummary group={selectedGroup} node={findGroupNode(nodes, selectedGroup.id)} onCreate={() => startNew(selectedGroup.id)} /> : <p className="muted">{t('org.group.nothingSelected')}</p>}
      </section>
      {dialog?.kind === 'create' ? <GroupNameDialog parent={dialog.parent} group={null} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'rename' ? <GroupNameDialog parent={null} group={dialog.group} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'nest' ? <NestGroupDialog tree={tree} group={dialog.group} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'rights' ? <RightsDialog group={dialog.group} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'moveTechnician' ? <MoveTechnicianDialog tree={tree} technician={dialog.technician} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('org.group.deleteTitle', { name: dialog.group.name })}
          body={t('org.group.deleteBody')}
          confirm={t('org.group.deleteConfirm')}
          cancel={t('common.cancel')}
          danger
          onConfirm={async () => {
            await unwrap(api().org.deleteGroup({ id: dialog.group.id }));
            done(null);
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {pending ? (
        <ConfirmDialog title={t('org.unsaved.title')} body={t('org.unsaved.body')} confirm={t('org.unsaved.discard')} cancel={t('org.unsaved.keep')} danger onConfirm={confirmPending} onCancel={cancelPending} />
      ) : null}
    </div>
  );
}

function findGroupNode(nodes: readonly GroupNode[], id: number): GroupNode | undefined {
  for (const node of nodes) {
    if (node.group.id === id) return node;
    const inner = findGroupNode(node.children.filter((child): child is GroupNode => child.kind === 'group'), id);
    if (inner) return inner;
  }
  return undefined;
}

/** A selected group: what its technicians inherit, and Create Technician. */
function GroupSummary({ group, node, onCreate }: { readonly group: TechnicianGroup; readonly node: GroupNode | undefined; readonly onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel wide org-group-summary">
      <p className="muted">{t('org.group.summary')}</p>
      <h2 className="truncate" title={group.name}>
        {group.name}
      </h2>
      {group.description ? <p>{group.description}</p> : null}
      <p>
        {t('org.tree.members', { count: node?.technicianCount ?? 0 })} · {t('org.group.subgroups', { count: node?.subgroupCount ?? 0 })}
      </p>
      <h3>{t('org.config.rights')}</h3>
      {group.rights.length ? (
        <ul className="rights-list">
          {group.rights.map((right) => (
            <li key={right}>{rightLabel(t, right)}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('org.group.noRights')}</p>
      )}
      {group.manageable ? (
        <>
          <p className="muted">{t('org.group.selectHint')}</p>
          <button type="button" className="primary" onClick={onCreate}>
            {t('org.menu.createTechnician')}
          </button>
        </>
      ) : (
        <p className="muted">{t('org.tree.readOnly')}</p>
      )}
    </div>
  );
}

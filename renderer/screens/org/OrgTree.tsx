import { useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Tree, TreeItem, TreeItemContent, useDragAndDrop, type Key, type Selection } from 'react-aria-components';
import type { OrgTree as OrgTreeData } from '../../../shared/org/schemas';
import { formatNumber } from '../../app/format';
import { canDrop, parseKey, type GroupNode, type NodeRef, type OrgNode, type TechnicianNode } from './org-model';

export type GroupAction = 'createTechnician' | 'createSubgroup' | 'rename' | 'nest' | 'rights' | 'delete';
export type TechnicianAction = 'open' | 'moveTechnician';

const GROUP_ACTIONS: readonly GroupAction[] = ['createTechnician', 'createSubgroup', 'rename', 'nest', 'rights', 'delete'];
const TECHNICIAN_ACTIONS: readonly TechnicianAction[] = ['open', 'moveTechnician'];
const DRAG_TYPE = 'application/x-msp-roster-org-node';

interface OrgTreeProps {
  readonly tree: OrgTreeData;
  readonly nodes: readonly GroupNode[];
  readonly selectedKey: string | null;
  readonly expanded: ReadonlySet<Key>;
  readonly onExpandedChange: (keys: Set<Key>) => void;
  readonly onSelect: (node: NodeRef) => void;
  readonly onGroupAction: (action: GroupAction, node: GroupNode) => void;
  readonly onTechnicianAction: (action: TechnicianAction, node: TechnicianNode) => void;
  /** A node dragged onto a group (null: the top of the tree). */
  readonly onDrop: (dragged: NodeRef, target: number | null) => void;
}

/**
 * The organisation tree (organisatiestructuur): groups with their subgroups and technicians. Every row the caller
 * may change has the same actions menu three ways: right-click, Shift+F10 or the context-menu key on the focused
 * row, and the row's always-visible actions button. Technicians and groups are dragged onto a group to move them.
 */
export function OrgTree({ tree, nodes, selectedKey, expanded, onExpandedChange, onSelect, onGroupAction, onTechnicianAction, onDrop }: OrgTreeProps) {
  const { t, i18n } = useTranslation();
  const [menuKey, setMenuKey] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const dragging = useRef<NodeRef | null>(null);
  const byKey = new Map<string, OrgNode>();
  const index = (list: readonly OrgNode[]) => {
    for (const node of list) {
      byKey.set(node.key, node);
      if (node.kind === 'group') index(node.children);
    }
  };
  index(nodes);
  const hasActions = (node: OrgNode | undefined) => (node?.kind === 'group' ? node.group.manageable : (node?.manageable ?? false));

  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) => [...keys].map((key) => ({ [DRAG_TYPE]: String(key), 'text/plain': labelOf(byKey.get(String(key))) })),
    getAllowedDropOperations: () => ['move'],
    acceptedDragTypes: [DRAG_TYPE],
    onDragStart: (event) => {
      const first = [...event.keys][0];
      dragging.current = first === undefined ? null : parseKey(String(first));
    },
    onDragEnd: () => {
      dragging.current = null;
    },
    getDropOperation: (target) => {
      const dragged = dragging.current;
      if (!dragged) return 'cancel';
      if (target.type === 'root') return canDrop(tree, dragged, null) ? 'move' : 'cancel';
      const over = parseKey(String(target.key));
      if (target.dropPosition !== 'on' || over?.kind !== 'group') return 'cancel';
      return canDrop(tree, dragged, over.id) ? 'move' : 'cancel';
    },
    onMove: (event) => {
      const dragged = parseKey(String([...event.keys][0] ?? ''));
      const over = parseKey(String(event.target.key));
      if (dragged && over?.kind === 'group' && event.target.dropPosition === 'on') onDrop(dragged, over.id);
    },
    onRootDrop: () => {
      if (dragging.current) onDrop(dragging.current, null);
    },
  });

  /** The row a key or mouse event happened on, when it is in this tree (not in a menu opened from it). */
  const rowKey = (target: EventTarget): string | null => {
    if (!(target instanceof Element) || !wrapper.current?.contains(target)) return null;
    return target.closest('[role="row"][data-key]')?.getAttribute('data-key') ?? null;
  };
  const openMenuAt = (target: EventTarget): boolean => {
    const key = rowKey(target);
    if (!key || !hasActions(byKey.get(key))) return false;
    setMenuKey(key);
    return true;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      if (openMenuAt(event.target)) event.preventDefault();
    }
  };
  const onContextMenu = (event: MouseEvent) => {
    // Right-click, or the context-menu key where the system sends it as this event.
    if (openMenuAt(event.target)) event.preventDefault();
  };

  const actionsMenu = (node: OrgNode): ReactNode => {
    if (!hasActions(node)) return null;
    const label = labelOf(node);
    return (
      <MenuTrigger isOpen={menuKey === node.key} onOpenChange={(open) => setMenuKey(open ? node.key : null)}>
        <Button className="row-actions" aria-label={t('org.tree.actionsFor', { name: label })}>
          <span aria-hidden="true">⋯</span>
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          {node.kind === 'group' ? (
            <Menu className="menu" autoFocus="first" aria-label={t('org.tree.actionsFor', { name: label })} onAction={(key) => onGroupAction(key as GroupAction, node)}>
              {GROUP_ACTIONS.map((action) => (
                <MenuItem key={action} id={action} className={action === 'delete' ? 'menu-item danger' : 'menu-item'}>
                  {t(`org.menu.${action}`)}
                </MenuItem>
              ))}
            </Menu>
          ) : (
            <Menu className="menu" autoFocus="first" aria-label={t('org.tree.actionsFor', { name: label })} onAction={(key) => onTechnicianAction(key as TechnicianAction, node)}>
              {TECHNICIAN_ACTIONS.map((action) => (
                <MenuItem key={action} id={action} className="menu-item">
                  {t(`org.menu.${action}`)}
                </MenuItem>
              ))}
            </Menu>
          )}
        </Popover>
      </MenuTrigger>
    );
  };

  const renderNode = (node: OrgNode): ReactNode => {
    if (node.kind === 'technician') {
      const { technician } = node;
      return (
        <TreeItem key={node.key} id={node.key} textValue={technician.name} className="org-row technician-row" style={levelStyle} onContextMenu={onContextMenu}>
          <TreeItemContent>
            <span className="row-indent" aria-hidden="true" />
            <span className="row-main">
              <span className="row-label" title={`${technician.name} <${technician.email}>`}>
                {technician.name}
              </span>
              <span className="row-badges">
                <span className={technician.enabled ? 'badge ok' : 'badge off'}>{technician.enabled ? t('org.tree.enabled') : t('org.tree.disabled')}</span>
                {technician.standardLicense ? <span className="badge">{t('org.tree.standard')}</span> : null}
                {technician.mobileLicense ? <span className="badge">{t('org.tree.mobile')}</span> : null}
              </span>
            </span>
            {actionsMenu(node)}
          </TreeItemContent>
        </TreeItem>
      );
    }
    const { group } = node;
    return (
      <TreeItem key={node.key} id={node.key} textValue={group.name} className="org-row group-row" style={levelStyle} onContextMenu={onContextMenu}>
        <TreeItemContent>
          {({ hasChildItems, isExpanded }) => (
            <>
              <span className="row-indent" aria-hidden="true" />
              {hasChildItems ? (
                <Button slot="chevron" className="chevron">
                  <span aria-hidden="true">{isExpanded ? '▾' : '▸'}</span>
                </Button>
              ) : (
                <span className="chevron-space" aria-hidden="true" />
              )}
              <span className="row-label group-label" title={group.name}>
                {group.name}
              </span>
              <span className="row-badges" title={t('org.tree.members', { count: node.technicianCount })}>
                {/* The number in the row, the words for screen readers (and in its tooltip): long names keep the room. */}
                <span className="badge" aria-hidden="true">
                  {formatNumber(node.technicianCount, i18n.language)}
                </span>
                <span className="visually-hidden">{t('org.tree.members', { count: node.technicianCount })}</span>
              </span>
              {actionsMenu(node)}
            </>
          )}
        </TreeItemContent>
        {node.children.map(renderNode)}
      </TreeItem>
    );
  };

  return (
    <div ref={wrapper} className="org-tree-wrap" onKeyDown={onKeyDown}>
      <Tree
        aria-label={t('org.tree.label')}
        className="org-tree"
        selectionMode="single"
        selectionBehavior="replace"
        selectedKeys={selectedKey ? [selectedKey] : []}
        onSelectionChange={(keys: Selection) => {
          if (keys === 'all') return;
          const key = [...keys][0];
          const node = key === undefined ? null : parseKey(String(key));
          if (node) onSelect(node);
        }}
        expandedKeys={expanded}
        onExpandedChange={onExpandedChange}
        dragAndDropHooks={dragAndDropHooks}
      >
        {nodes.map(renderNode)}
      </Tree>
    </div>
  );
}

/** Each row indents by its depth in the tree, however deep. */
function levelStyle({ level }: { readonly level: number }): CSSProperties {
  return { '--level': level } as CSSProperties;
}

function labelOf(node: OrgNode | undefined): string {
  if (!node) return '';
  return node.kind === 'group' ? node.group.name : node.technician.name;
}

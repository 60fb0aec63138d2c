/**
 * The Technicians area's logic without a screen: the tree's nodes from the core's flat lists, group paths for the
 * dropdowns, where a dragged node may go, the Configuration page's draft, and which field a core refusal belongs to.
 */
import type { TFunction } from 'i18next';
import { sortByText } from '../../../shared/i18n/collate';
import type { ErrorCode } from '../../../shared/ipc/result';
import type { PasswordPolicy } from '../../../shared/ipc/schemas';
import type { NewTechnician, OrgTree, TechnicianChanges, TechnicianDetail, TechnicianFields, TechnicianGroup, TechnicianSummary } from '../../../shared/org/schemas';
import { messageValues } from '../../components/ErrorAlert';

export interface GroupNode {
  readonly kind: 'group';
  readonly key: string;
  readonly group: TechnicianGroup;
  readonly children: readonly OrgNode[];
  readonly technicianCount: number;
  readonly subgroupCount: number;
}
export interface TechnicianNode {
  readonly kind: 'technician';
  readonly key: string;
  readonly technician: TechnicianSummary;
  readonly manageable: boolean;
}
export type OrgNode = GroupNode | TechnicianNode;

export const groupKey = (id: number): string => `g:${id}`;
export const technicianKey = (id: string): string => `t:${id}`;

export type NodeRef = { readonly kind: 'group'; readonly id: number } | { readonly kind: 'technician'; readonly id: string };

export function parseKey(key: string): NodeRef | null {
  if (key.startsWith('g:')) {
    const id = Number(key.slice(2));
    return Number.isSafeInteger(id) && id > 0 ? { kind: 'group', id } : null;
  }
  if (key.startsWith('t:') && key.length > 2) return { kind: 'technician', id: key.slice(2) };
  return null;
}

/** The tree as nested nodes: in each group its subgroups first, then its technicians, each in the language's order. */
export function buildNodes(tree: OrgTree, language: string): GroupNode[] {
  const groups = sortByText(tree.groups, (group) => group.name, language);
  const technicians = sortByText(tree.technicians, (technician) => technician.name, language);
  const manageable = new Map(tree.groups.map((group) => [group.id, group.manageable]));
  const known = new Set(tree.groups.map((group) => group.id));
  const build = (group: TechnicianGroup, seen: ReadonlySet<number>): GroupNode => {
    const path = new Set(seen).add(group.id);
    const subgroups = groups.filter((child) => child.parentId === group.id && !path.has(child.id)).map((child) => build(child, path));
    const members: TechnicianNode[] = technicians
      .filter((technician) => technician.groupId === group.id)
      .map((technician) => ({ kind: 'technician', key: technicianKey(technician.id), technician, manageable: manageable.get(group.id) ?? false }));
    return { kind: 'group', key: groupKey(group.id), group, children: [...subgroups, ...members], technicianCount: members.length, subgroupCount: subgroups.length };
  };
  return groups.filter((group) => group.parentId === null || !known.has(group.parentId)).map((group) => build(group, new Set()));
}

/** "Service desk / Nights": where a group sits, for dropdowns and messages. */
export function groupPath(tree: OrgTree, id: number): string {
  const byId = new Map(tree.groups.map((group) => [group.id, group]));
  const names: string[] = [];
  const seen = new Set<number>();
  for (let group = byId.get(id); group && !seen.has(group.id); group = group.parentId === null ? undefined : byId.get(group.parentId)) {
    seen.add(group.id);
    names.unshift(group.name);
  }
  return names.join(' / ');
}

/** The groups the caller manages, by path, in order: what "Move to Technician Group" and "Create technician" offer. */
export function manageableGroupOptions(tree: OrgTree, language: string): Array<{ readonly id: number; readonly label: string }> {
  return sortByText(
    tree.groups.filter((group) => group.manageable).map((group) => ({ id: group.id, label: groupPath(tree, group.id) })),
    (option) => option.label,
    language,
  );
}

/** `candidate` is `groupId` or below it. */
export function isSelfOrBelow(tree: OrgTree, groupId: number, candidate: number): boolean {
  const byId = new Map(tree.groups.map((group) => [group.id, group]));
  const seen = new Set<number>();
  for (let group = byId.get(candidate); group && !seen.has(group.id); group = group.parentId === null ? undefined : byId.get(group.parentId)) {
    if (group.id === groupId) return true;
    seen.add(group.id);
  }
  return false;
}

/** Where a group may be nested: any group the caller manages outside its own subtree (and not where it is now). */
export function nestTargets(tree: OrgTree, groupId: number, language: string): Array<{ readonly id: number; readonly label: string }> {
  const parentId = tree.groups.find((group) => group.id === groupId)?.parentId ?? null;
  return manageableGroupOptions(tree, language).filter((option) => option.id !== parentId && !isSelfOrBelow(tree, groupId, option.id));
}

/** Whether dropping the dragged node onto a group (null: the top of the tree) does something the core would allow. */
export function canDrop(tree: OrgTree, dragged: NodeRef, target: number | null): boolean {
  const group = (id: number) => tree.groups.find((candidate) => candidate.id === id);
  if (dragged.kind === 'technician') {
    const technician = tree.technicians.find((candidate) => candidate.id === dragged.id);
    if (!technician || target === null || technician.groupId === target) return false;
    return Boolean(group(technician.groupId)?.manageable && group(target)?.manageable);
  }
  const moving = group(dragged.id);
  if (!moving?.manageable || moving.parentId === target) return false;
  if (target === null) return tree.canCreateTopLevel;
  return Boolean(group(target)?.manageable) && !isSelfOrBelow(tree, dragged.id, target);
}

// ── The Configuration page's draft ─────────────────────────────────────────

export interface TechnicianDraft extends Readonly<TechnicianFields> {
  /** Null for a technician not created yet. */
  readonly id: string | null;
  readonly groupId: number;
  /** New password; empty keeps the current one (a new technician needs one). */
  readonly password: string;
}

export function emptyDraft(groupId: number): TechnicianDraft {
  return { id: null, groupId, name: '', nickname: '', email: '', ssoId: '', description: '', password: '', enabled: true, standardLicense: true, mobileLicense: false };
}

export function draftFromDetail(detail: TechnicianDetail): TechnicianDraft {
  const { id, groupId, name, nickname, email, ssoId, description, enabled, standardLicense, mobileLicense } = detail;
  return { id, groupId, name, nickname, email, ssoId, description, password: '', enabled, standardLicense, mobileLicense };
}

export function isDraftDirty(draft: TechnicianDraft | null, baseline: TechnicianDraft | null): boolean {
  if (!draft || !baseline) return false;
  return (Object.keys(draft) as Array<keyof TechnicianDraft>).some((key) => draft[key] !== baseline[key]);
}

/** A change to the draft, with the core's license rule mirrored: a disabled technician holds no mobile license. */
export function editDraft(draft: TechnicianDraft, patch: Partial<Omit<TechnicianDraft, 'id'>>): TechnicianDraft {
  const next = { ...draft, ...patch };
  return next.enabled ? next : { ...next, mobileLicense: false };
}

export function createInput(draft: TechnicianDraft): NewTechnician {
  const { groupId, name, nickname, email, ssoId, description, password, enabled, standardLicense, mobileLicense } = draft;
  return { groupId, name, nickname, email, ssoId, description, password, enabled, standardLicense, mobileLicense };
}

export function changesInput(draft: TechnicianDraft & { readonly id: string }): TechnicianChanges {
  const { id, name, nickname, email, ssoId, description, password, enabled, standardLicense, mobileLicense } = draft;
  return { id, name, nickname, email, ssoId, description, newPassword: password === '' ? null : password, enabled, standardLicense, mobileLicense };
}

export type ConfigField = 'name' | 'nickname' | 'email' | 'ssoId' | 'description' | 'password' | 'standardLicense' | 'mobileLicense';

export interface SaveProblem {
  readonly code: ErrorCode;
  readonly fields: Readonly<Record<string, string>>;
}

/** A core refusal as messages at the fields it concerns; what concerns no field is under `general`. */
export function problemMessages(t: TFunction, problem: SaveProblem | null, policy: PasswordPolicy | null): Partial<Record<ConfigField | 'general', string>> {
  if (!problem) return {};
  const { code, fields } = problem;
  const general = () => ({ general: t(`errors.${code}`, messageValues(t, fields)) });
  switch (code) {
    case 'VALIDATION_FAILED': {
      const messages: Partial<Record<ConfigField | 'general', string>> = {};
      for (const [path, message] of Object.entries(fields)) {
        const tooLong = /too long/i.test(message);
        const field = path === 'newPassword' ? 'password' : path;
        if (field === 'name') messages.name = t(tooLong ? 'org.fieldErrors.tooLong' : 'org.fieldErrors.nameRequired');
        else if (field === 'email') messages.email = t(tooLong ? 'org.fieldErrors.tooLong' : 'org.fieldErrors.emailInvalid');
        else if (field === 'password') messages.password = t(tooLong ? 'org.fieldErrors.tooLong' : 'org.fieldErrors.passwordRequired');
        else if (field === 'nickname' || field === 'ssoId' || field === 'description') messages[field] = t('org.fieldErrors.tooLong');
        else messages.general = t('errors.VALIDATION_FAILED');
      }
      return messages;
    }
    case 'WEAK_PASSWORD':
      return {
        password: [t('errors.WEAK_PASSWORD'), policy ? t('strength.policy', { minLength: policy.minLength, minLabel: t(`strength.score${policy.minScore}`) }) : ''].filter(Boolean).join(' '),
      };
    case 'EMAIL_TAKEN':
      return { email: t('errors.EMAIL_TAKEN') };
    case 'SSO_ID_TAKEN':
      return { ssoId: t('errors.SSO_ID_TAKEN') };
    case 'LICENSES_EXHAUSTED':
      return { [fields['kind'] === 'mobile' ? 'mobileLicense' : 'standardLicense']: t('errors.LICENSES_EXHAUSTED', messageValues(t, fields)) };
    default:
      return general();
  }
}

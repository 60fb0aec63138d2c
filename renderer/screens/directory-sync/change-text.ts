/** A sync change's "what changes" column, in words: `name: Jan → Jan de Vries`, `status: enabled → disabled`. */
import type { TFunction } from 'i18next';
import type { SyncChange } from '../../../shared/directory-sync/schemas';

const KNOWN_FIELDS = ['name', 'email', 'enabled', 'groupId'] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];

function valueText(t: TFunction, value: string | boolean | null): string {
  if (value === null || value === '') return t('directorySync.run.empty');
  if (typeof value === 'boolean') return value ? t('directorySync.run.enabled') : t('directorySync.run.disabledValue');
  return value;
}

export function changeText(t: TFunction, change: SyncChange): string {
  const parts = Object.entries(change.fields).map(([name, { from, to }]) => {
    const field = (KNOWN_FIELDS as readonly string[]).includes(name) ? t(`directorySync.run.fields.${name as KnownField}`) : name;
    // A group id is a number to the core; the change names the group itself.
    const toText = name === 'groupId' ? change.groupName : valueText(t, to);
    return from === null ? t('directorySync.run.fieldSet', { field, to: toText }) : t('directorySync.run.fieldChange', { field, from: name === 'groupId' ? String(from) : valueText(t, from), to: toText });
  });
  if (change.releasesMobileLicense) parts.push(t('directorySync.run.releasesMobile'));
  return parts.join('; ');
}

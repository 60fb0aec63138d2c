/** A sync change's "what changes" column, in words: `name: Jan → Jan de Vries`, `status: enabled → disabled`. */
import type { TFunction } from 'i18next';
import { parseChangeDetail, type SyncChange } from '../../../shared/directory-sync/schemas';

/** The fields the core describes a change with (electron/main/directory-sync/sync-report.ts). */
const KNOWN_FIELDS = ['name', 'email', 'enabled', 'group', 'mobileLicense', 'standardLicense'] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];
const LICENSE_FIELDS: readonly string[] = ['mobileLicense', 'standardLicense'];

function valueText(t: TFunction, field: string, value: string | boolean | null): string {
  if (value === null || value === '') return t('directorySync.run.empty');
  if (typeof value === 'boolean') {
    // A license is held or not; a status is enabled or disabled.
    if (LICENSE_FIELDS.includes(field)) return value ? t('directorySync.run.licenseHeld') : t('directorySync.run.licenseNone');
    return value ? t('directorySync.run.enabled') : t('directorySync.run.disabledValue');
  }
  return value;
}

export function changeText(t: TFunction, change: Pick<SyncChange, 'fields' | 'releasesMobileLicense'>): string {
  const parts = Object.entries(change.fields).map(([name, { from, to }]) => {
    const field = (KNOWN_FIELDS as readonly string[]).includes(name) ? t(`directorySync.run.fields.${name as KnownField}`) : name;
    const toText = valueText(t, name, to);
    return from === null ? t('directorySync.run.fieldSet', { field, to: toText }) : t('directorySync.run.fieldChange', { field, from: valueText(t, name, from), to: toText });
  });
  // The mobile-license field already says so when it is listed.
  if (change.releasesMobileLicense && !('mobileLicense' in change.fields)) parts.push(t('directorySync.run.releasesMobile'));
  return parts.join('; ');
}

/** A logged change's detail (the JSON the core keeps) in the same words. */
export function loggedChangeText(t: TFunction, detail: string): string {
  const parsed = parseChangeDetail(detail);
  return changeText(t, { fields: parsed.fields ?? {}, releasesMobileLicense: parsed.releasesMobileLicense ?? false });
}

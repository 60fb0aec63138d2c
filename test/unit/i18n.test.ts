import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../shared/i18n/languages';
import { en } from '../../shared/i18n/locales/en';
import { nl } from '../../shared/i18n/locales/nl';
import { ERROR_CODES } from '../../shared/ipc/result';
import { errorTextKey, IMPORT_ERROR_KINDS, OutcomeErrorSchema } from '../../shared/import/outcome-errors';
import { PSA_ERROR_KINDS } from '../../shared/psa/errors';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) => (typeof inner === 'string' ? [`${prefix}${key}`] : keys(inner as object, `${prefix}${key}.`)));
}

describe('translations', () => {
  it('English and Dutch have exactly the same keys', () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });

  it('every error code has a message in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(en.errors[code], code).toBeTruthy();
      expect(nl.errors[code], code).toBeTruthy();
    }
  });

  it('Dutch strings are translated, not copied (bar names and the language names)', () => {
    const same = keys(en).filter((key) => {
      const pick = (source: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], source);
      return pick(en) === pick(nl);
    });
    // Names, numbers and words Dutch shares with English (Status, Type, Filter).
    expect(same.sort()).toEqual([
      'app.name',
      'companies.columns.psa',
      'companies.usersCell',
      'decisions.psaId',
      'directorySync.connection.host',
      'directorySync.connection.kind',
      'directorySync.connection.kinds.active-directory',
      'directorySync.connection.seconds',
      'directorySync.connection.securities.starttls',
      'directorySync.run.fieldChange',
      'directorySync.run.fieldSet',
      'directorySync.run.fields.enabled',
      'history.columns.psa',
      'history.columns.status',
      'history.listLabel',
      'org.admins.columns.status',
      'org.config.nicknameExampleDefault',
      'org.config.status',
      'previewExport.columns.psaStatus',
      'previewExport.columns.type',
      'previewExport.filter.attributes.status',
      'previewExport.report.filter',
      'previewExport.report.psa',
      'psa.account',
      'psa.autotask',
      'psa.connectwise',
      'review.changes.renamed',
      'settings.languageEn',
      'settings.languageNl',
      'techImport.colItem',
      'techImport.delimiterTab',
      'techImport.fileChosen',
      'techImport.groupIdHint',
      'techImport.reasonInColumn',
      'wizard.attributes.status',
      'wizard.columns.psaStatus',
      'wizard.columns.type',
      'wizard.never',
      'wizard.steps.filter',
      'workspace.form.database',
      'workspace.form.host',
    ]);
  });

  it('uses the seed’s Dutch terms', () => {
    expect(nl.roles.master_admin).toBe('Hoofdbeheerder');
    expect(nl.roles.admin).toBe('Beheerder');
    expect(nl.nav.managedCompanies).toBe('Beheerde bedrijven');
    expect(nl.nav.technicians).toBe('Technici');
  });
});

describe('import error kinds', () => {
  const pick = (source: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], source);

  it('every kind has a message and what to do, in English and in Dutch', () => {
    for (const kind of IMPORT_ERROR_KINDS) {
      for (const part of ['message', 'remedy'] as const) {
        expect(en.importErrors[kind][part].length, `${kind}.${part}`).toBeGreaterThan(10);
        expect(nl.importErrors[kind][part], `${kind}.${part}`).not.toBe(en.importErrors[kind][part]);
      }
    }
  });

  it('no import failure reads as a PSA failure: its message is none of the seed’s eight', () => {
    const psaMessages = new Set(PSA_ERROR_KINDS.flatMap((kind) => [en.psaErrors[kind].message, nl.psaErrors[kind].message]));
    for (const kind of IMPORT_ERROR_KINDS) expect(psaMessages.has(en.importErrors[kind].message) || psaMessages.has(nl.importErrors[kind].message), kind).toBe(false);
  });

  it('every outcome error and every PSA error resolves to text in both languages; licenses keep the seed’s message', () => {
    for (const kind of [...OutcomeErrorSchema.options, ...PSA_ERROR_KINDS]) {
      for (const locale of [en, nl]) expect(typeof pick(locale, `${errorTextKey(kind)}.message`), kind).toBe('string');
    }
    expect(errorTextKey('not-enough-licenses')).toBe('psaErrors.not-enough-licenses');
    expect(errorTextKey('email-in-use')).toBe('importErrors.email-in-use');
  });
});

describe('language resolution', () => {
  it('follows the system language, matching on the primary subtag', () => {
    expect(resolveLanguage('system', ['nl-BE', 'en-US'])).toBe('nl');
    expect(resolveLanguage('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(resolveLanguage('system', ['fr-FR'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
  });

  it('prefers the explicit choice', () => {
    expect(resolveLanguage('nl', ['en-US'])).toBe('nl');
    expect(resolveLanguage('en', ['nl-NL'])).toBe('en');
  });
});

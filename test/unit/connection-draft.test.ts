import { describe, expect, it } from 'vitest';
import { draftFrom, EMPTY_DRAFT, readDraft } from '../../renderer/screens/workspace/connection-draft';

describe('the team connection form', () => {
  it('starts encrypted on the default port, and names every field to fix', () => {
    expect(EMPTY_DRAFT).toMatchObject({ port: '5432', tls: 'require' });
    expect(readDraft({ ...EMPTY_DRAFT, host: ' ', port: '70000', database: '', user: '' })).toEqual({
      ok: false,
      problems: { host: 'required', port: 'portInvalid', database: 'required', user: 'required' },
    });
    expect(readDraft({ ...EMPTY_DRAFT, host: 'https://db.example.com', user: 'roster' })).toEqual({ ok: false, problems: { host: 'hostInvalid' } });
    expect(readDraft({ ...EMPTY_DRAFT, host: 'db', port: '54a', user: 'roster' })).toEqual({ ok: false, problems: { port: 'portInvalid' } });
  });

  it('trims what was typed, keeps a CA file only when the certificate is checked, and an empty password means the stored one', () => {
    const typed = { ...EMPTY_DRAFT, host: ' db.example.com ', port: ' 6432 ', database: ' roster ', user: ' mira ', password: '', caFile: '/etc/ca.pem' };
    expect(readDraft(typed)).toEqual({ ok: true, password: null, connection: { host: 'db.example.com', port: 6432, database: 'roster', user: 'mira', tls: 'require', caFile: null } });
    expect(readDraft({ ...typed, tls: 'verify-full', password: ' secret ' })).toMatchObject({ ok: true, password: ' secret ', connection: { tls: 'verify-full', caFile: '/etc/ca.pem' } });
    const connection = { host: '[::1]', port: 5432, database: 'roster', user: 'mira', tls: 'disable' as const, caFile: null };
    expect(readDraft(draftFrom(connection))).toEqual({ ok: true, password: null, connection });
  });
});

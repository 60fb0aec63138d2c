import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/main/core/create-core';
import { appSender, startCore } from '../support/core';
import { useTempDirs } from '../support/temp-dir';
import { TEST_BACKEND } from '../support/workspaces';

const tempDir = useTempDirs();
const PASSWORD = 'Harbour-Lantern-Quiet-49!';

async function signedIn(role: 'master_admin' | 'admin'): Promise<Core> {
  const core = await startCore(tempDir());
  // The `unit` project runs this on a local SQLite file, `unit-postgres` on a team database.
  expect(core.workspace.kind).toBe(TEST_BACKEND);
  await core.auth.createFirstAdmin({ sessionKey: 'setup' }, { name: 'Master', email: 'master@example.com', password: PASSWORD });
  if (role === 'admin') await core.auth.createAdministrator({ name: 'Ann', email: 'ann@example.com', password: PASSWORD, role: 'admin', mustChangePassword: false });
  await core.registrar.invoke('auth:signIn', { email: role === 'admin' ? 'ann@example.com' : 'master@example.com', password: PASSWORD }, appSender());
  return core;
}

describe('managed companies directory', () => {
  it('creates companies by hand and lists them with counts', async () => {
    const core = await signedIn('admin');
    const created = await core.registrar.invoke('directory:createCompany', { name: '  Jansen Installatietechniek B.V. ' }, appSender());
    expect(created).toMatchObject({ ok: true, value: { name: 'Jansen Installatietechniek B.V.', origin: 'manual', users: 0, mappings: [] } });
    const listed = await core.registrar.invoke('directory:listCompanies', undefined, appSender());
    expect(listed.ok && listed.value).toHaveLength(1);
    expect((await core.registrar.invoke('directory:createCompany', { name: '   ' }, appSender())).ok).toBe(false);
    await core.close();
  });

  it('lets only a Master Administrator remove a company, with an audit entry', async () => {
    const admin = await signedIn('admin');
    const created = await admin.registrar.invoke('directory:createCompany', { name: 'Acme Ltd' }, appSender());
    const id = created.ok ? (created.value as { id: string }).id : '';
    expect(await admin.registrar.invoke('directory:removeCompany', { id }, appSender())).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    await admin.close();

    const master = await signedIn('master_admin');
    const other = await master.registrar.invoke('directory:createCompany', { name: 'Globex' }, appSender());
    const otherId = other.ok ? (other.value as { id: string }).id : '';
    expect(await master.registrar.invoke('directory:removeCompany', { id: otherId }, appSender())).toEqual({ ok: true, value: null });
    expect(await master.registrar.invoke('directory:removeCompany', { id: otherId }, appSender())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { read } = master.workspace;
    const audit = await read.rows(read.q.selectFrom('audit_log').select('action').where('action', 'like', 'directory.%').orderBy('id'));
    expect(audit.map((entry) => entry.action)).toEqual(['directory.company_created', 'directory.company_removed']);
    await master.close();
  });
});

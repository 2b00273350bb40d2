import { createCase } from './factories/casework';
import { TestApp } from './harness/test-app';

describe('users and offices administration', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const newUser = async (overrides: Record<string, unknown> = {}) => ({
    loginId: 'staff-a',
    displayName: '職員 A',
    officeId: await t.officeId('CFS-OIZUMI'),
    roles: ['consultant'],
    password: 'long-enough-passphrase',
    ...overrides,
  });

  it('creates a user who can then sign in; a second user with the same login id (any case) is a 409', async () => {
    const res = await t.post('/api/v1/users', { token: admin, body: await newUser() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ loginId: 'staff-a', roles: ['consultant'], active: true, version: 1 });
    expect((await t.post('/api/v1/auth/login', { body: { loginId: 'staff-a', password: 'long-enough-passphrase' } })).status).toBe(200);
    const dup = await t.post('/api/v1/users', { token: admin, body: await newUser({ loginId: 'STAFF-A' }) });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate');
  });

  it('enforces the password policy and validates every field', async () => {
    const weak = await t.post('/api/v1/users', { token: admin, body: await newUser({ loginId: 'staff-b', password: 'staff-b-123456' }) });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'password_contains_login_id' })]);
    const bad = await t.post('/api/v1/users', { token: admin, body: { loginId: 'a b', displayName: '', officeId: 'x', roles: ['king'], password: 1 } });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['loginId', 'displayName', 'officeId', 'roles', 'password']));
    const unknownOffice = await t.post('/api/v1/users', { token: admin, body: await newUser({ loginId: 'staff-c', officeId: '00000000-0000-4000-8000-000000000000' }) });
    expect(unknownOffice.status).toBe(400);
  });

  it('updates with optimistic locking: a stale version is a 409 and nothing changes', async () => {
    const id = await t.userId('consultant1');
    const current = await t.get(`/api/v1/users/${id}`, { token: admin });
    const ok = await t.patch(`/api/v1/users/${id}`, { token: admin, body: { displayName: '相談 陽菜（改）', version: current.body.version } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(current.body.version + 1);
    const stale = await t.patch(`/api/v1/users/${id}`, { token: admin, body: { displayName: '上書き', version: current.body.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    expect((await t.get(`/api/v1/users/${id}`, { token: admin })).body.displayName).toBe('相談 陽菜（改）');
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const id = await t.userId('nurse1');
    const before = await t.login('nurse1');
    const res = await t.post(`/api/v1/users/${id}/reset-password`, { token: admin, body: { newPassword: 'fresh-passphrase-2026' } });
    expect(res.status).toBe(204);
    expect((await t.get('/api/v1/me', { token: before })).status).toBe(401);
    expect((await t.post('/api/v1/auth/login', { body: { loginId: 'nurse1', password: 'fresh-passphrase-2026' } })).status).toBe(200);
  });

  it('an admin cannot deactivate their own account', async () => {
    const res = await t.post(`/api/v1/users/${await t.userId('admin')}/deactivate`, { token: admin });
    expect(res.status).toBe(422);
  });

  it("an admin cannot change their own roles or office (another admin does); the same values resent are no change", async () => {
    const id = await t.userId('admin');
    const me = (await t.get(`/api/v1/users/${id}`, { token: admin })).body;
    for (const change of [{ roles: ['admin', 'auditor'] }, { roles: ['consultant'] }, { officeId: await t.officeId('CFS-NUKUI') }]) {
      const res = await t.patch(`/api/v1/users/${id}`, { token: admin, body: { ...change, version: me.version } });
      expect(res.status).toBe(422);
    }
    const unchanged = await t.get(`/api/v1/users/${id}`, { token: admin });
    expect(unchanged.body).toMatchObject({ roles: me.roles, officeId: me.officeId, version: me.version });
    const same = await t.patch(`/api/v1/users/${id}`, { token: admin, body: { roles: me.roles, officeId: me.officeId, displayName: '管理 者（改）', version: me.version } });
    expect(same.status).toBe(200);
  });

  describe('access', () => {
    it('only admins administer users and offices (403 for the others)', async () => {
      for (const loginId of ['consultant1', 'supervisor1', 'auditor', 'liaison']) {
        const token = await t.login(loginId);
        expect((await t.post('/api/v1/users', { token, body: await newUser({ loginId: `x-${loginId}` }) })).status).toBe(403);
        expect((await t.post(`/api/v1/users/${await t.userId('consultant2')}/deactivate`, { token })).status).toBe(403);
        expect((await t.post('/api/v1/offices', { token, body: { code: 'X-1', name: 'x', type: 'health_center' } })).status).toBe(403);
      }
    });

    it("staff see colleagues of their own office; another office's user is a 404", async () => {
      const consultant2 = await t.login('consultant2');
      expect((await t.get(`/api/v1/users/${await t.userId('supervisor2')}`, { token: consultant2 })).status).toBe(200);
      const other = await t.get(`/api/v1/users/${await t.userId('consultant1')}`, { token: consultant2 });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('not-found');
      // The office filter cannot widen a non-admin's list beyond their own office.
      const list = await t.get('/api/v1/users', { token: consultant2, query: { officeId: await t.officeId('CFS-NERIMA') } });
      expect(list.status).toBe(200);
      const ownOffice = await t.officeId('CFS-NUKUI');
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((u: { officeId: string }) => u.officeId === ownOffice)).toBe(true);
      expect(list.body.total).toBe(list.body.items.length);
    });
  });

  it('offices: everyone signed in can list them; admins create and rename with optimistic locking', async () => {
    const list = await t.get('/api/v1/offices', { token: await t.login('consultant1') });
    expect(list.body.items).toHaveLength(11);
    expect(list.body.items[0]).toMatchObject({ type: 'child_family_support_center', typeLabel: '子ども家庭支援センター', isMain: true });
    const created = await t.post('/api/v1/offices', { token: admin, body: { code: 'HC-TEST', name: 'テスト保健相談所', type: 'health_center' } });
    expect(created.status).toBe(201);
    const renamed = await t.patch(`/api/v1/offices/${created.body.id}`, { token: admin, body: { name: '試験保健相談所', version: 1 } });
    expect(renamed.status).toBe(200);
    expect((await t.patch(`/api/v1/offices/${created.body.id}`, { token: admin, body: { name: 'x', version: 1 } })).status).toBe(409);
  });

  it("an office's rule for its consultants is set and shown through the API, and holds from the consultant's next request", async () => {
    const nerima = await t.officeId('CFS-NERIMA');
    const consultant = await t.login('consultant1');
    const unassigned = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: await t.userId('supervisor1') });
    expect((await t.get(`/api/v1/cases/${unassigned.id}`, { token: consultant })).status).toBe(200);

    const office = (await t.get(`/api/v1/offices/${nerima}`, { token: admin })).body;
    expect(office).toMatchObject({ consultantScope: 'office', consultantScopeLabel: '所内の対応中ケースすべて' });
    const assigned = await t.patch(`/api/v1/offices/${nerima}`, { token: admin, body: { consultantScope: 'assigned', version: office.version } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ consultantScope: 'assigned', consultantScopeLabel: '担当ケースのみ', version: office.version + 1 });
    expect((await t.get(`/api/v1/cases/${unassigned.id}`, { token: consultant })).status).toBe(404);

    const back = await t.patch(`/api/v1/offices/${nerima}`, { token: admin, body: { consultantScope: 'office', version: assigned.body.version } });
    expect(back.status).toBe(200);
    expect((await t.get(`/api/v1/cases/${unassigned.id}`, { token: consultant })).status).toBe(200);
    const bad = await t.patch(`/api/v1/offices/${nerima}`, { token: admin, body: { consultantScope: 'everyone', version: back.body.version } });
    expect(bad.status).toBe(400);
  });

  it('staff are not added to, or moved into, an office out of service', async () => {
    const closed = await t.post('/api/v1/offices', { token: admin, body: { code: 'HC-CLOSED', name: '廃止保健相談所', type: 'health_center' } });
    expect((await t.patch(`/api/v1/offices/${closed.body.id}`, { token: admin, body: { active: false, version: closed.body.version } })).status).toBe(200);
    const created = await t.post('/api/v1/users', { token: admin, body: await newUser({ loginId: 'staff-closed', officeId: closed.body.id }) });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([expect.objectContaining({ field: 'officeId', code: 'inactive_office' })]);
    const id = await t.userId('consultant2');
    const user = (await t.get(`/api/v1/users/${id}`, { token: admin })).body;
    const moved = await t.patch(`/api/v1/users/${id}`, { token: admin, body: { officeId: closed.body.id, version: user.version } });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([expect.objectContaining({ field: 'officeId', code: 'inactive_office' })]);
  });
});

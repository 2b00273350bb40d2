import { TestApp } from './harness/test-app';

/** 施設台帳: everyone signed in reads it; admins maintain it all, supervisors their own office's area. */
describe('facilities registry', () => {
  let t: TestApp;
  let admin: string;
  let supervisor1: string;
  let nerima: string;
  let nukui: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.login('admin');
    supervisor1 = await t.login('supervisor1');
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
  });
  afterAll(async () => {
    await t.close();
  });

  it('supervisors create facilities of their own office (by default), admins of any office; others are refused', async () => {
    const own = await t.post('/api/v1/facilities', { token: supervisor1, body: { type: 'nursery', name: '試験 みどり保育園', address: '練馬区豊玉北1-1-1', phone: '03-0000-0001' } });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ officeId: nerima, typeLabel: '保育園', officeName: '練馬子ども家庭支援センター', active: true, version: 1 });
    expect((await t.post('/api/v1/facilities', { token: supervisor1, body: { type: 'nursery', name: '試験 他所保育園', officeId: nukui } })).status).toBe(403);
    const byAdmin = await t.post('/api/v1/facilities', { token: admin, body: { type: 'elementary_school', name: '試験 貫井小学校', officeId: nukui } });
    expect(byAdmin.status).toBe(201);
    for (const login of ['consultant1', 'liaison', 'auditor']) {
      expect((await t.post('/api/v1/facilities', { token: await t.login(login), body: { type: 'nursery', name: `試験 ${login}` } })).status).toBe(403);
    }
    const duplicate = await t.post('/api/v1/facilities', { token: supervisor1, body: { type: 'nursery', name: '試験 みどり保育園' } });
    expect(duplicate.status).toBe(409);
    const invalid = await t.post('/api/v1/facilities', { token: admin, body: { type: 'castle', name: '', officeId: 'x', capacity: 3 } });
    expect(invalid.status).toBe(400);
    expect(new Set(invalid.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['type', 'name', 'officeId', 'capacity']));
  });

  it('everyone signed in lists with filters by type, office, active flag and name, in pages', async () => {
    const make = (name: string, type: string, officeId: string) => t.post('/api/v1/facilities', { token: admin, body: { type, name, officeId } });
    await make('一覧 あおぞら学童クラブ', 'after_school_club', nerima);
    await make('一覧 こぶし児童館', 'childrens_hall', nerima);
    await make('一覧 さくら幼稚園', 'kindergarten', nukui);
    const auditor = await t.login('auditor');
    const nerimaClubs = await t.get('/api/v1/facilities', { token: auditor, query: { officeId: nerima, type: 'after_school_club,childrens_hall', q: '一覧' } });
    expect(nerimaClubs.status).toBe(200);
    expect(nerimaClubs.body.items.map((f: { name: string }) => f.name)).toEqual(['一覧 あおぞら学童クラブ', '一覧 こぶし児童館']);
    expect(nerimaClubs.body.total).toBe(2);
    const page1 = await t.get('/api/v1/facilities', { token: auditor, query: { q: '一覧', limit: 2 } });
    const page2 = await t.get('/api/v1/facilities', { token: auditor, query: { q: '一覧', limit: 2, cursor: page1.body.nextCursor } });
    expect([...page1.body.items, ...page2.body.items].map((f: { name: string }) => f.name)).toEqual(['一覧 あおぞら学童クラブ', '一覧 こぶし児童館', '一覧 さくら幼稚園']);
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.get('/api/v1/facilities', { token: auditor, query: { q: '100%_' } })).body.total).toBe(0);
    expect((await t.get('/api/v1/facilities', { token: auditor, query: { type: 'castle' } })).status).toBe(400);
  });

  it('updates with optimistic locking; a supervisor may not touch or move facilities of another office', async () => {
    const created = (await t.post('/api/v1/facilities', { token: supervisor1, body: { type: 'kindergarten', name: '試験 ひかり幼稚園' } })).body;
    const retired = await t.patch(`/api/v1/facilities/${created.id}`, { token: supervisor1, body: { active: false, contactPerson: '園長 試験', version: created.version } });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ active: false, contactPerson: '園長 試験', version: created.version + 1 });
    const stale = await t.patch(`/api/v1/facilities/${created.id}`, { token: supervisor1, body: { name: '上書き', version: created.version } });
    expect(stale.status).toBe(409);
    const moved = await t.patch(`/api/v1/facilities/${created.id}`, { token: supervisor1, body: { officeId: nukui, version: retired.body.version } });
    expect(moved.status).toBe(403);
    const nulled = await t.patch(`/api/v1/facilities/${created.id}`, { token: supervisor1, body: { name: null, version: retired.body.version } });
    expect(nulled.status).toBe(400);
    const nukuiFacility = (await t.post('/api/v1/facilities', { token: admin, body: { type: 'nursery', name: '試験 貫井保育園', officeId: nukui } })).body;
    expect((await t.patch(`/api/v1/facilities/${nukuiFacility.id}`, { token: supervisor1, body: { name: 'x', version: 1 } })).status).toBe(403);
    const inactive = await t.get('/api/v1/facilities', { token: supervisor1, query: { active: false, q: 'ひかり' } });
    expect(inactive.body.items.map((f: { id: string }) => f.id)).toEqual([created.id]);
    expect((await t.get('/api/v1/facilities', { token: supervisor1, query: { active: true, q: 'ひかり' } })).body.total).toBe(0);
    // A retired facility cannot be used for a new round.
    const round = await t.post('/api/v1/facility-rounds', { token: supervisor1, body: { facilityId: created.id, plannedOn: '2026-06-01', visitorIds: [await t.userId('supervisor1')] } });
    expect(round.status).toBe(422);
    expect(round.body.errors).toEqual([expect.objectContaining({ code: 'facility_inactive' })]);
  });
});

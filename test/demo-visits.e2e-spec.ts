import { seed } from '../seeds/seed';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';

/** The demo seed of 見守り訪問 / 巡回訪問: visible per office, and idempotent. */
describe('demo data: watch visits and facility rounds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const TABLES = ['watch_visit_plans', 'watch_visits', 'watch_visit_children', 'facilities', 'children_of_concern', 'facility_rounds', 'facility_round_observations', 'attendance_reports', 'persons', 'cases'];
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number])));

  it('running the seed again changes nothing', async () => {
    const before = await counts();
    expect(before.watch_visit_plans).toBeGreaterThanOrEqual(3);
    await seed(t.dataSource, { demo: true, demoPassword: DEMO_PASSWORD });
    expect(await counts()).toEqual(before);
  });

  it("each office sees its own families and rounds, not the other's", async () => {
    const consultant1 = await t.login('consultant1');
    const consultant2 = await t.login('consultant2');
    const labels = async (token: string) => (await t.get('/api/v1/watch-visit-plans', { token })).body.items.map((p: { caseLabel: string }) => p.caseLabel).sort();
    expect(await labels(consultant1)).toEqual(['佐藤 世帯', '山田 世帯']);
    expect(await labels(consultant2)).toEqual(['鈴木 世帯']);
    // 佐藤 is long overdue and escalated; 鈴木's last visit raised the risk.
    const overdue = (await t.get('/api/v1/watch-visits/overdue', { token: consultant1 })).body.items;
    expect(overdue).toContainEqual(expect.objectContaining({ caseLabel: '佐藤 世帯', escalated: true }));
    expect(overdue.map((p: { caseLabel: string }) => p.caseLabel)).not.toContain('鈴木 世帯');
    const alerted = (await t.get('/api/v1/watch-visits', { token: consultant2, query: { alerted: true } })).body.items;
    expect(alerted).toEqual([expect.objectContaining({ caseLabel: '鈴木 世帯', alerts: ['risk_higher'] })]);
    const rounds1 = (await t.get('/api/v1/facility-rounds', { token: consultant1 })).body.items;
    expect(rounds1.map((r: { status: string }) => r.status).sort()).toEqual(['done', 'planned']);
    const rounds2 = (await t.get('/api/v1/facility-rounds', { token: consultant2 })).body.items;
    expect(rounds2).toEqual([expect.objectContaining({ facilityName: 'ぬくい南保育園（デモ）', status: 'planned' })]);
    const detail = (await t.get(`/api/v1/facility-rounds/${rounds1.find((r: { status: string }) => r.status === 'done').id}`, { token: consultant1 })).body;
    expect(detail.observations).toEqual([expect.objectContaining({ nameKanji: '山田 陽翔', attendance: 'present' })]);
    expect((await t.get('/api/v1/attendance-reports/missing', { token: consultant2 })).body.total).toBeGreaterThan(0);
  });
});

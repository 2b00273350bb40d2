import { seed } from '../seeds/seed';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';

jest.setTimeout(60_000);

/** The demo families of the case registry: visible per office, one restricted, and idempotent. */
describe('demo data: case registry and 通告', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const TABLES = ['persons', 'cases', 'case_members', 'case_co_workers', 'case_events', 'case_notes', 'child_abuse_reports', 'safety_confirmations', 'reminders', 'case_number_counters'];
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number])));

  it('running the seed again changes nothing', async () => {
    const before = await counts();
    const numbers = await t.dataSource.query(`SELECT id, case_number FROM cases ORDER BY id`);
    await seed(t.dataSource, { demo: true, demoPassword: DEMO_PASSWORD });
    expect(await counts()).toEqual(before);
    expect(await t.dataSource.query(`SELECT id, case_number FROM cases ORDER BY id`)).toEqual(numbers);
  });

  it("each office sees its own families; the DV family is restricted; the 通告 carry their 48-hour outcome", async () => {
    const consultant1 = await t.login('consultant1');
    const consultant2 = await t.login('consultant2');
    const supervisor1 = await t.login('supervisor1');
    const labels = async (token: string) => (await t.get('/api/v1/cases', { token, query: { limit: 200 } })).body.items.map((c: { label: string }) => c.label);
    expect(await labels(consultant1)).toEqual(expect.arrayContaining(['小林 世帯', '高橋 世帯']));
    expect(await labels(consultant1)).not.toContain('中村 世帯');
    expect(await labels(consultant1)).not.toContain('伊藤 世帯');
    expect(await labels(supervisor1)).toEqual(expect.arrayContaining(['小林 世帯', '高橋 世帯', '中村 世帯']));
    expect(await labels(consultant2)).toEqual(expect.arrayContaining(['伊藤 世帯']));
    expect(await labels(consultant2)).not.toContain('小林 世帯');

    const restricted = await t.get('/api/v1/cases/5eed0004-0000-4000-8000-000000000103', { token: consultant1 });
    expect(restricted.status).toBe(403);
    expect(restricted.body.type).toMatch(/break-glass-required/);

    const kobayashi = await t.get('/api/v1/cases/5eed0004-0000-4000-8000-000000000101/timeline', { token: consultant1 });
    expect(kobayashi.body.items.filter((e: { source: string }) => e.source === 'case_note')).toHaveLength(3);
    const reports1 = await t.get('/api/v1/child-abuse-reports', { token: consultant1 });
    expect(reports1.body.items).toEqual([expect.objectContaining({ caseLabel: '高橋 世帯', rule48Result: 'met' })]);
    const reports2 = await t.get('/api/v1/child-abuse-reports', { token: consultant2 });
    expect(reports2.body.items).toEqual([expect.objectContaining({ caseLabel: '伊藤 世帯', rule48Result: 'missed' })]);
    // Every open demo case has its 進行管理 reminder, none due yet.
    const due = await t.dataSource.query(`SELECT count(*)::int AS n FROM reminders WHERE rule = 'case.progress_review_due' AND stage = 'due' AND state = 'scheduled' AND due_at > now()`);
    expect(due[0].n).toBeGreaterThanOrEqual(4);
  });
});

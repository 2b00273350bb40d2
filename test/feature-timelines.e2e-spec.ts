import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';

/** Records of the feature modules show up in the timeline of their case, and only there. */
describe('case timeline: feature sources', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists a recorded watch visit in its own case timeline, not in another case', async () => {
    const nerima = await t.officeId('CFS-NERIMA');
    const consultant1 = await t.userId('consultant1');
    const token = await t.login('consultant1');
    const mine = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const other = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const [visit] = await t.dataSource.query(
      `INSERT INTO watch_visits (case_id, visited_at, visited_on, visitor_ids, outcome, risk_change, notes, created_by)
       VALUES ($1, '2026-06-01T01:00:00Z', '2026-06-01', ARRAY[$2]::uuid[], 'done', 'same', '本児と面会。', $2) RETURNING id`,
      [mine.id, consultant1],
    );

    const timeline = await t.get(`/api/v1/cases/${mine.id}/timeline`, { token, query: { sources: 'watch_visit' } });
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toEqual([expect.objectContaining({ source: 'watch_visit', id: visit.id, title: '見守り訪問', summary: '本児と面会。' })]);
    const elsewhere = await t.get(`/api/v1/cases/${other.id}/timeline`, { token, query: { sources: 'watch_visit' } });
    expect(elsewhere.body.items).toEqual([]);
    const sources: Array<{ source: string }> = await t.dataSource.query(`SELECT source FROM case_timeline_sources ORDER BY source`);
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(['pregnancy_interview', 'short_stay', 'watch_visit']));
  });
});

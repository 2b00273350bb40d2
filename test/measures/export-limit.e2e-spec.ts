import { createCaseWithChild } from '../factories/casework';
import { keysetRows } from '../../src/modules/measures/exports/keyset-batches';
import { TestApp } from '../harness/test-app';

/** The row limit (EXPORT_MAX_ROWS, here 2) is checked by counting before anything is streamed. */
describe('exports: row limit', () => {
  let t: TestApp;
  let supervisor2: string;

  beforeAll(async () => {
    t = await TestApp.start({ config: { exportMaxRows: 2 } });
    supervisor2 = await t.login('supervisor2');
    const nukui = await t.officeId('CFS-NUKUI');
    for (const label of ['一 世帯', '二 世帯', '三 世帯']) await createCaseWithChild(t.dataSource, { officeId: nukui, label });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an export beyond the limit with 422 export-too-large and audits the refusal', async () => {
    const res = await t.get('/api/v1/exports/cases.csv', { token: supervisor2 });
    expect(res.status).toBe(422);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: expect.stringContaining('export-too-large'), rows: 3, limit: 2 });
    const xlsx = await t.get('/api/v1/exports/cases.xlsx', { token: supervisor2 });
    expect(xlsx.status).toBe(422);
    const audit: Array<{ outcome: string; details: any }> = await t.dataSource.query(`SELECT outcome, details FROM audit_events WHERE action = 'export.cases' ORDER BY id`);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ outcome: 'failure', details: { status: 422, format: 'csv', rows: 3, limit: 2 } });
  });

  it('reads keyset batches without losing or repeating rows on equal keys', async () => {
    // All three cases were opened today: the order and the resumption rest on the id.
    const source = { select: 'c.opened_on::text AS _k1, c.id AS _k2, c.label', from: 'cases c', where: 'true', params: {}, keys: ['c.opened_on', 'c.id'] as [string, string], keyTypes: ['date', 'uuid'] as [string, string], descending: true };
    const expected: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM cases ORDER BY opened_on DESC, id DESC`);
    for (const batch of [1, 2, 500]) {
      const seen: string[] = [];
      for await (const row of keysetRows<{ _k1: string; _k2: string }>(t.dataSource, source, batch)) seen.push(row._k2);
      expect(seen).toEqual(expected.map((r) => r.id));
    }
  });

  it('streams an export within the limit', async () => {
    const res = await t.get('/api/v1/exports/cases.csv', { token: supervisor2, query: { supportLevel: 'support_required', status: 'open' } });
    expect(res.status).toBe(422);
    await t.dataSource.query(`UPDATE cases SET support_level = 'general' WHERE label = '三 世帯'`);
    const ok = await t.get('/api/v1/exports/cases.csv', { token: supervisor2, query: { supportLevel: 'support_required' } });
    expect(ok.status).toBe(200);
    expect(ok.text.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});

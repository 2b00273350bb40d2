import { TIMELINE_COUNT_CAP } from '../src/modules/cases/case-timeline.service';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';
import { expectTotalCappedAt } from './harness/capped-total';

jest.setTimeout(60_000);

/**
 * 経過記録: notes are never edited or deleted (a correction is a new note
 * linked to the old one); the timeline merges notes with every registered
 * source, pages stably, and other features plug in by registering a view.
 */
describe('case timeline (経過記録)', () => {
  let t: TestApp;
  let nerima: string;
  let consultant1: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    consultant1 = await t.userId('consultant1');
    for (const login of ['consultant1', 'supervisor1', 'consultant2']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  const at = (iso: string) => new Date(iso).toISOString();

  it('records notes, corrects them with new linked notes, and never deletes', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const note = await t.post(`/api/v1/cases/${c.id}/notes`, {
      token: token.consultant1,
      body: { occurredAt: '2026-05-12T10:30:00+09:00', contactType: 'home_visit', text: '家庭訪問。母と面談、本児は在宅。' },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ authorId: consultant1, authorName: '相談 陽菜', contactType: 'home_visit', contactTypeLabel: '家庭訪問', correctsNoteId: null, correctedByNoteId: null });
    expect(note.body.occurredAt).toBe(at('2026-05-12T01:30:00Z'));

    expect((await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2099-01-01T00:00:00Z', contactType: 'phone', text: 'x' } })).status).toBe(400);
    expect((await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2026-05-12T10:30:00+09:00', contactType: 'fax', text: 'x' } })).status).toBe(400);
    expect((await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2026-05-12T10:30:00+09:00', contactType: 'phone', text: '' } })).status).toBe(400);

    const corrected = await t.post(`/api/v1/cases/${c.id}/notes/${note.body.id}/corrections`, {
      token: token.supervisor1,
      body: { text: '家庭訪問。父母と面談、本児は在宅。', reason: '同席者の誤記を訂正' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ correctsNoteId: note.body.id, correctionReason: '同席者の誤記を訂正', occurredAt: note.body.occurredAt, contactType: 'home_visit' });
    const original = await t.get(`/api/v1/cases/${c.id}/notes/${note.body.id}`, { token: token.consultant1 });
    expect(original.body).toMatchObject({ text: '家庭訪問。母と面談、本児は在宅。', correctedByNoteId: corrected.body.id });
    const twice = await t.post(`/api/v1/cases/${c.id}/notes/${note.body.id}/corrections`, { token: token.consultant1, body: { text: 'x', reason: 'もう一度訂正' } });
    expect(twice.status).toBe(409);
    expect(twice.body.latestNoteId).toBe(corrected.body.id);
    expect((await t.post(`/api/v1/cases/${c.id}/notes/${corrected.body.id}/corrections`, { token: token.consultant1, body: { text: '三度目', reason: '再訂正' } })).status).toBe(201);

    // The database itself refuses to change or remove a note.
    await expect(t.dataSource.query(`DELETE FROM case_notes WHERE id = $1`, [note.body.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`UPDATE case_notes SET text = 'x' WHERE id = $1`, [note.body.id])).rejects.toThrow(/append-only/);

    // A note of one case is not reachable through another case.
    const other = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    expect((await t.get(`/api/v1/cases/${other.id}/notes/${note.body.id}`, { token: token.consultant1 })).status).toBe(404);
    expect((await t.get(`/api/v1/cases/${c.id}/notes/${note.body.id}`, { token: token.consultant2 })).status).toBe(404);

    const timeline = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'case_note' } });
    expect(timeline.body.total).toBe(3);
    const first = timeline.body.items.find((e: { id: string }) => e.id === note.body.id);
    expect(first).toMatchObject({ source: 'case_note', kind: 'home_visit', title: '家庭訪問', authorName: '相談 陽菜', details: { correctedByNoteId: corrected.body.id } });
  });

  it('merges every source newest first and pages without gaps or repeats while entries are added', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const notes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: `2026-04-${String(10 + i).padStart(2, '0')}T09:00:00+09:00`, contactType: 'phone', text: `電話 ${i}` } });
      notes.push(res.body.id);
    }
    // Two notes at the very same moment: the order is still total.
    const same = await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2026-04-13T09:00:00+09:00', contactType: 'meeting', text: '同時刻' } });
    await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { reviewedOn: '2026-04-20', attendees: ['相談 陽菜'], assessment: '安定', decision: 'continue' } });
    expect((await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { leadWorkerId: consultant1, coWorkerIds: [], version: 2 } })).status).toBe(200);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { limit: 3, cursor } });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
      // A note dated before everything read so far, added mid-way, appears later; one dated in the future of the page does not disturb it.
      if (pages === 1) await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2026-04-01T09:00:00+09:00', contactType: 'letter', text: '途中で追加' } });
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { limit: 200 } });
    expect(seen).toEqual(all.body.items.map((e: { id: string }) => e.id));
    // One entry more than the page: both pages are read in one pass (the count is within the page's take), the second after its cursor.
    const first = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { limit: seen.length - 1 } });
    const second = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { limit: seen.length - 1, cursor: first.body.nextCursor } });
    expect([...first.body.items, ...second.body.items].map((e: { id: string }) => e.id)).toEqual(seen);
    expect(second.body.nextCursor).toBeNull();
    // Under a source filter, pages read keys first (more entries than a page of one) give what one pass gives.
    const notesOnly = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'case_note', limit: 200 } });
    const paged: string[] = [];
    for (let next: string | undefined, n = 0; n === 0 || (next && n < 20); n += 1) {
      const res = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'case_note', limit: 1, cursor: next } });
      paged.push(...res.body.items.map((e: { id: string }) => e.id));
      next = res.body.nextCursor ?? undefined;
    }
    expect(notesOnly.body.items.every((e: { source: string }) => e.source === 'case_note')).toBe(true);
    expect(paged).toEqual(notesOnly.body.items.map((e: { id: string }) => e.id));
    expect(paged).toHaveLength(9);
    expect(all.body.items.map((e: { source: string }) => e.source)).toEqual(expect.arrayContaining(['case_note', 'progress_review', 'case_event']));
    const times = all.body.items.map((e: { occurredAt: string }) => new Date(e.occurredAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen).toContain(same.body.id);
    expect(notes.every((id) => seen.includes(id))).toBe(true);
    expect((await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { cursor: 'not-a-cursor' } })).status).toBe(400);
  });

  it('counts entries exactly up to 1,000 and says "at least 1,000" beyond, under its source filter', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const addNotes = (count: number) =>
      t.dataSource.query(
        `INSERT INTO case_notes (case_id, occurred_at, author_id, contact_type, text)
         SELECT $1, timestamptz '2026-04-01 09:00+09' + make_interval(mins => i), $2, 'phone', '電話 ' || i FROM generate_series(1, $3) AS i`,
        [c.id, consultant1, count],
      );
    const timeline = (query: Record<string, string | number>) => t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { limit: 5, ...query } });
    await expectTotalCappedAt(TIMELINE_COUNT_CAP, () => timeline({}), { fill: () => addNotes(TIMELINE_COUNT_CAP), oneMore: () => addNotes(1), pageSize: 5 });
    expect((await timeline({ sources: 'case_note' })).body).toMatchObject({ total: TIMELINE_COUNT_CAP, totalIsLowerBound: true });
    // The filter is counted as well: none of the thousand is a review.
    const reviews = await timeline({ sources: 'progress_review' });
    expect({ total: reviews.body.total, lowerBound: reviews.body.totalIsLowerBound }).toEqual({ total: 0, lowerBound: undefined });
  });

  it('another feature plugs in by registering a source view, without the cases module knowing it', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: '2026-05-01T09:00:00+09:00', contactType: 'phone', text: '電話' } });
    // What a feature's migration does (here: a stand-in feature).
    await t.dataSource.query(`CREATE TABLE test_home_checks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), case_id uuid NOT NULL, visited_at timestamptz NOT NULL, visitor_id uuid, observations text)`);
    await t.dataSource.query(`
      CREATE VIEW case_timeline_test_home_checks AS
      SELECT v.case_id, 'test_home_check' AS source, v.id AS entry_id, v.visited_at AS occurred_at, v.visitor_id AS author_id,
             'test_home_check' AS kind, '見守り訪問' AS title, v.observations AS summary, jsonb_build_object('childSeen', true) AS details
        FROM test_home_checks v`);
    await t.dataSource.query(`SELECT case_timeline_register('test_home_check', 'case_timeline_test_home_checks')`);
    const [visit] = await t.dataSource.query(`INSERT INTO test_home_checks (case_id, visited_at, visitor_id, observations) VALUES ($1, '2026-05-02T10:00:00+09:00', $2, '本児と面会') RETURNING id`, [
      c.id,
      consultant1,
    ]);
    const res = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'test_home_check,case_note' } });
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: visit.id, source: 'test_home_check', title: '見守り訪問', summary: '本児と面会', authorName: '相談 陽菜', details: { childSeen: true } }),
      expect.objectContaining({ source: 'case_note', summary: '電話' }),
    ]);
    // Unregistering (a feature's down migration) takes the source out again; the rest stays.
    await t.dataSource.query(`SELECT case_timeline_unregister('test_home_check')`);
    const after = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'test_home_check,case_note' } });
    expect(after.body.items.map((e: { source: string }) => e.source)).toEqual(['case_note']);
  });
});

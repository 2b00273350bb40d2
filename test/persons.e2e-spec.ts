import fc from 'fast-check';
import { looseKanaKey, looseKanaSql, normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';
import { createCaseWithChild, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { expectTotalCappedAt } from './harness/capped-total';

// Jest reads testTimeout only from the root config, not per project: set it here for this file.
jest.setTimeout(60_000);

/**
 * Persons: kana-aware duplicate detection with an audited "create anyway",
 * office scope (detail 404, absent from search and counts), edits with
 * optimistic locking, and supervisor links of the same individual.
 */
describe('persons', () => {
  let t: TestApp;
  let nerima: string;
  let nukui: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    for (const login of ['consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'admin']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  const child = (over: Record<string, unknown> = {}) => ({ kind: 'child', nameKanji: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '2019-06-01', sex: 'female', ...over });

  describe('duplicate detection', () => {
    let existing: string;
    beforeAll(async () => {
      const res = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ address: '練馬区豊玉北1-1', phone: '03-0000-0000' }) });
      expect(res.status).toBe(201);
      existing = res.body.id;
    });

    it.each([
      ['hiragana', 'やまだはなこ'],
      ['half-width katakana', 'ﾔﾏﾀﾞ ﾊﾅｺ'],
      ['full-width space', 'ヤマダ　ハナコ'],
      ['a middle dot', 'ヤマダ・ハナコ'],
    ])('finds the person again when the kana is typed in %s', async (_what, nameKana) => {
      const res = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKana }) });
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/duplicate/);
      expect(res.body.candidates).toEqual([expect.objectContaining({ id: existing, reasons: expect.arrayContaining(['same_kana_and_birth_date']) })]);
    });

    it('catches close variants with the same birth date (small kana, typos, same kanji)', async () => {
      const base = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKanji: '鈴木 京子', nameKana: 'スズキ キョウコ', birthDate: '2018-02-03', createAnyway: true }) });
      expect(base.status).toBe(201);
      const small = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'すずき きようこ', birthDate: '2018-02-03' } });
      expect(small.status).toBe(200);
      expect(small.body.candidates).toEqual([expect.objectContaining({ id: base.body.id, reasons: ['similar_kana_and_same_birth_date'] })]);
      const typo = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'スズキ キョウ', birthDate: '2018-02-03' } });
      expect(typo.body.candidates.map((c: { id: string }) => c.id)).toEqual([base.body.id]);
      const kanji = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'スズキ ミヤコ', nameKanji: '鈴木　京子', birthDate: '2018-02-03' } });
      expect(kanji.body.candidates).toEqual([expect.objectContaining({ id: base.body.id, reasons: ['same_kanji_and_birth_date'] })]);
      // Same name, another birthday: another child.
      const other = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'スズキ キョウコ', birthDate: '2018-02-04' } });
      expect(other.body.candidates).toEqual([]);
      // Unknown birth date on the probe: the same kana is enough to ask.
      const unknown = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'スズキ キョウコ' } });
      expect(unknown.body.candidates).toEqual([expect.objectContaining({ id: base.body.id, reasons: ['same_kana_birth_date_unknown'] })]);
    });

    it('folds long vowels spelled out or with ー (コウタ / コータ) — the SQL folding is the same as the TypeScript one', async () => {
      const base = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKanji: '大野 浩太', nameKana: 'オオノ コウタ', birthDate: '2017-10-10', createAnyway: true }) });
      const res = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant1, body: { nameKana: 'オーノ コータ', birthDate: '2017-10-10' } });
      expect(res.body.candidates.map((c: { id: string }) => c.id)).toEqual([base.body.id]);
      const samples = fc.sample(fc.string({ unit: fc.constantFrom(...'アイウエオカキクケコトノユヨァィゥェォッャュョヂヅヴヲーン'), minLength: 1, maxLength: 10 }), 300);
      const rows: Array<{ i: number; loose: string }> = await t.dataSource.query(
        `SELECT i, ${looseKanaSql('s')} AS loose FROM unnest($1::text[]) WITH ORDINALITY AS x(s, i) ORDER BY i`,
        [samples],
      );
      expect(rows.map((r) => r.loose)).toEqual(samples.map(looseKanaKey));
    });

    it('creates anyway on request, and audits the decision with the candidates it overrode', async () => {
      const res = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKana: 'やまだ はなこ', createAnyway: true }) });
      expect(res.status).toBe(201);
      const events = await t.dataSource.query(`SELECT outcome, details FROM audit_events WHERE action = 'person.create' AND actor_login_id = 'consultant1' ORDER BY id`);
      const last = events[events.length - 1];
      expect(last).toMatchObject({ outcome: 'success', details: { createAnyway: true, duplicateCandidateIds: expect.arrayContaining([existing]) } });
      const refused = events.filter((e: { outcome: string }) => e.outcome === 'denied');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].details).toMatchObject({ createAnyway: false, duplicateCandidateIds: [existing] });
    });

    it("never reveals another office's persons as duplicates", async () => {
      const res = await t.post('/api/v1/persons/duplicate-check', { token: token.consultant2, body: { nameKana: 'ヤマダ ハナコ', birthDate: '2019-06-01' } });
      expect(res.body.candidates).toEqual([]);
      expect((await t.post('/api/v1/persons', { token: token.consultant2, body: child() })).status).toBe(201);
    });

    it('rejects names that are not kana, unknown fields and future birth dates', async () => {
      const notKana = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKana: '山田花子' }) });
      expect(notKana.status).toBe(400);
      expect(notKana.body.errors[0]).toMatchObject({ field: 'nameKana', code: 'kana_expected' });
      expect((await t.post('/api/v1/persons', { token: token.consultant1, body: child({ officeId: nukui }) })).status).toBe(400);
      expect((await t.post('/api/v1/persons', { token: token.consultant1, body: child({ birthDate: '2099-01-01' }) })).status).toBe(400);
      expect((await t.post('/api/v1/persons', { token: token.consultant1, body: child({ birthDate: '2019-02-30' }) })).status).toBe(400);
      expect((await t.post('/api/v1/persons', { token: token.consultant1, body: child({ sex: null }) })).status).toBe(400);
    });
  });

  describe('scope', () => {
    it("another office's person is 404 and absent from search, counts included", async () => {
      const theirs = await createPerson(t.dataSource, { officeId: nukui, nameKanji: '貫井 次郎', nameKana: 'ヌクイ ジロウ', birthDate: '2017-07-07' });
      expect((await t.get(`/api/v1/persons/${theirs}`, { token: token.consultant1 })).status).toBe(404);
      expect((await t.get(`/api/v1/persons/${theirs}`, { token: token.supervisor1 })).status).toBe(404);
      expect((await t.patch(`/api/v1/persons/${theirs}`, { token: token.consultant1, body: { notes: 'x', version: 1 } })).status).toBe(404);
      for (const query of [{ name: 'ぬくい' }, { name: '貫井' }, { birthDate: '2017-07-07' }, { name: 'ヌク', match: 'prefix' }]) {
        const res = await t.get('/api/v1/persons', { token: token.supervisor1, query });
        expect({ query, total: res.body.total, items: res.body.items }).toEqual({ query, total: 0, items: [] });
        const own = await t.get('/api/v1/persons', { token: token.consultant2, query });
        expect({ query, total: own.body.total }).toEqual({ query, total: 1 });
      }
      // Staff without a case role see no persons.
      expect((await t.get('/api/v1/persons', { token: token.admin })).status).toBe(403);
    });

    it('a person of a case shared with the office (transfer) is readable there, not writable', async () => {
      const c = await createCaseWithChild(t.dataSource, { officeId: nukui, sharedWithOfficeIds: [nerima], child: { nameKana: 'キョウユウ ミキ' } });
      const read = await t.get(`/api/v1/persons/${c.childId}`, { token: token.consultant1 });
      expect(read.status).toBe(200);
      expect(read.body.accessLevel).toBe('read_only');
      expect(read.body.cases).toEqual([expect.objectContaining({ id: c.id, relationship: 'child' })]);
      expect((await t.patch(`/api/v1/persons/${c.childId}`, { token: token.consultant1, body: { notes: 'x', version: 1 } })).status).toBe(403);
      expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'きょうゆう' } })).body.total).toBe(1);
    });

    it('search by case number lists the members of that case in scope', async () => {
      const c = await createCaseWithChild(t.dataSource, { officeId: nerima, child: { nameKana: 'バンゴウ ケン' } });
      const res = await t.get('/api/v1/persons', { token: token.consultant1, query: { caseNumber: c.caseNumber } });
      expect(res.body.items.map((p: { id: string }) => p.id)).toContain(c.childId);
      const elsewhere = await t.get('/api/v1/persons', { token: token.consultant2, query: { caseNumber: c.caseNumber } });
      expect(elsewhere.body.items.map((p: { id: string }) => p.id)).not.toContain(c.childId);
    });
  });

  it('reads and updates with optimistic locking; the search keys follow the name', async () => {
    const created = await t.post('/api/v1/persons', { token: token.consultant1, body: child({ nameKanji: '田中 一郎', nameKana: 'タナカ イチロウ', birthDate: '2016-01-01', kind: 'child', sex: 'male' }) });
    const id = created.body.id;
    const read = await t.get(`/api/v1/persons/${id}`, { token: token.consultant1 });
    expect(read.body).toMatchObject({ nameKanji: '田中 一郎', kindLabel: '児童', sexLabel: '男', accessLevel: 'full', version: 1 });
    const updated = await t.patch(`/api/v1/persons/${id}`, { token: token.consultant1, body: { nameKana: 'たなか いちろう', address: '練馬区貫井1-1', version: 1 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ nameKana: 'たなか いちろう', address: '練馬区貫井1-1', version: 2 });
    expect((await t.patch(`/api/v1/persons/${id}`, { token: token.consultant1, body: { address: null, version: 1 } })).status).toBe(409);
    const cleared = await t.patch(`/api/v1/persons/${id}`, { token: token.consultant1, body: { address: null, version: 2 } });
    expect(cleared.body.address).toBeNull();
    expect((await t.patch(`/api/v1/persons/${id}`, { token: token.consultant1, body: { nameKanji: null, version: 3 } })).status).toBe(400);
    const [row] = await t.dataSource.query(`SELECT name_kana_normalized FROM persons WHERE id = $1`, [id]);
    expect(row.name_kana_normalized).toBe('タナカイチロウ');
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE resource_type = 'person' AND resource_id = $1 AND outcome = 'success' ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['person.create', 'person.read', 'person.update', 'person.update']);
  });

  it('counts matches exactly up to 1,000, and says "at least 1,000" beyond', async () => {
    const addNamesakes = (count: number) =>
      t.dataSource.query(
        `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex)
         SELECT $1, 'child', '数多 太郎', 'カズオオ タロウ', $2, $3, '2019-06-01', 'unknown' FROM generate_series(1, $4)`,
        [nerima, normalizeKanji('数多 太郎'), normalizeKana('カズオオ タロウ'), count],
      );
    const search = () => t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'カズオオ', match: 'prefix', limit: 5 } });
    await expectTotalCappedAt(1000, search, { fill: () => addNamesakes(1000), oneMore: () => addNamesakes(1), pageSize: 5 });
    // Another office's consultant sees none of them.
    expect((await t.get('/api/v1/persons', { token: token.consultant2, query: { name: 'カズオオ', match: 'prefix' } })).body.total).toBe(0);
  });

  it('searches are audited with their criteria', async () => {
    await t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'ﾔﾏﾀﾞ', birthDate: '2019-06-01' } });
    const [event] = await t.dataSource.query(`SELECT details FROM audit_events WHERE action = 'person.search' ORDER BY id DESC LIMIT 1`);
    expect(event.details.criteria).toEqual({ name: 'ﾔﾏﾀﾞ', birthDate: '2019-06-01' });
  });

  describe('same individual', () => {
    it('a supervisor links two records; a consultant cannot; the link shows on both and can be undone', async () => {
      const a = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'オナジ ヒト', birthDate: '2015-05-05' });
      const b = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'オナジ ヒト', birthDate: null });
      const body = { otherPersonId: b, reason: '母子手帳で同一人物と確認' };
      expect((await t.post(`/api/v1/persons/${a}/links`, { token: token.consultant1, body })).status).toBe(403);
      const linked = await t.post(`/api/v1/persons/${a}/links`, { token: token.supervisor1, body });
      expect(linked.status).toBe(200);
      expect(linked.body.sameIndividual).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: b }), reason: '母子手帳で同一人物と確認' })]);
      const fromB = await t.get(`/api/v1/persons/${b}`, { token: token.consultant1 });
      expect(fromB.body.sameIndividual.map((l: { person: { id: string } }) => l.person.id)).toEqual([a]);
      expect((await t.post(`/api/v1/persons/${b}/links`, { token: token.supervisor1, body: { otherPersonId: a, reason: '重複して登録する' } })).status).toBe(409);
      expect((await t.post(`/api/v1/persons/${a}/links`, { token: token.supervisor1, body: { otherPersonId: a, reason: '自分自身と結ぶ' } })).status).toBe(422);
      const audit = await t.dataSource.query(`SELECT resource_id, reason FROM audit_events WHERE action = 'person.link' AND outcome = 'success' ORDER BY id`);
      expect(audit).toEqual([
        { resource_id: a, reason: '母子手帳で同一人物と確認' },
        { resource_id: b, reason: null },
      ]);
      const linkId = linked.body.sameIndividual[0].linkId;
      const unlinked = await t.post(`/api/v1/persons/${a}/links/${linkId}/unlink`, { token: token.supervisor1, body: { reason: '別人と判明したため' } });
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.sameIndividual).toEqual([]);
      expect((await t.post(`/api/v1/persons/${a}/links/${linkId}/unlink`, { token: token.supervisor1, body: { reason: '別人と判明したため' } })).status).toBe(404);
    });

    it("cannot link to a record of another office the supervisor cannot see", async () => {
      const mine = await createPerson(t.dataSource, { officeId: nerima });
      const theirs = await createPerson(t.dataSource, { officeId: nukui });
      expect((await t.post(`/api/v1/persons/${mine}/links`, { token: token.supervisor1, body: { otherPersonId: theirs, reason: '同一人物と思われる' } })).status).toBe(404);
    });
  });
});

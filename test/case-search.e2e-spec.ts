import { createCase, createCaseWithChild, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { expectTotalCappedAt } from './harness/capped-total';

jest.setTimeout(60_000);

/**
 * Search of persons and cases: kana/kanji partial and prefix matches, the
 * filters staff work from, keyset pages that neither skip nor repeat rows
 * while rows are inserted, and totals in scope.
 */
describe('person and case search', () => {
  let t: TestApp;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let supervisor1: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
    for (const login of ['consultant1', 'supervisor1', 'consultant2']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  const kana = ['ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト'];

  // A prefix walks the office's persons in 読み order; a part of three characters or more is read by trigrams and
  // sorted; a shorter part walks the office/kana index and reads the page's rows after.
  it.each([
    ['prefix', 'ページ', 'ぺーじ'],
    ['contains', 'ゲージ', 'げーじ'],
    ['contains', 'ゾゾ', 'ぞぞ'],
  ] as const)('person pages stay stable while persons are inserted before and after the cursor (%s match of %s)', async (match, stem, typed) => {
    const ids: string[] = [];
    for (const [i, k] of kana.entries()) ids.push(await createPerson(t.dataSource, { officeId: nerima, nameKana: `${stem} ${k}${k}`, nameKanji: `頁 ${i}`, birthDate: '2015-01-01' }));
    // Another office's persons with the same name never appear.
    await createPerson(t.dataSource, { officeId: nukui, nameKana: `${stem} アア`, birthDate: '2015-01-01' });

    const seen: string[] = [];
    const keys: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const res = await t.get('/api/v1/persons', { token: token.consultant1, query: { name: typed, match, limit: 6, cursor } });
      expect(res.status).toBe(200);
      if (page === 0) expect(res.body.total).toBe(20);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      keys.push(...res.body.items.map((p: { nameKana: string }) => p.nameKana));
      cursor = res.body.nextCursor ?? undefined;
      page += 1;
      // Inserted behind the cursor (sorts first) and ahead of it (sorts last) while paging.
      if (page === 1) {
        await createPerson(t.dataSource, { officeId: nerima, nameKana: `${stem} アアア`, birthDate: '2015-01-01' });
        await createPerson(t.dataSource, { officeId: nerima, nameKana: `${stem} ンン`, birthDate: '2015-01-01' });
      }
    } while (cursor && page < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(ids.every((id) => seen.includes(id))).toBe(true);
    // In 読み order throughout; the one inserted behind the cursor is not shown on later pages, the one ahead of it is.
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a.replace(' ', '')), Buffer.from(b.replace(' ', '')))));
    expect(keys).not.toContain(`${stem} アアア`);
    expect(keys[keys.length - 1]).toBe(`${stem} ンン`);
    expect(seen).toHaveLength(21);
  });

  it("answers each person's cases in scope, newest first, and the search's total on every page", async () => {
    const x = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'ジュンバン イチ', nameKanji: '順番 一' });
    const y = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'ジュンバン ニ', nameKanji: '順番 二' });
    const z = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'ジュンバン サン', nameKanji: '順番 三' });
    const older = await createCase(t.dataSource, { officeId: nerima, label: '順番 旧', openedOn: '2025-01-10', members: [{ personId: x, relationship: 'child' }] });
    const newer = await createCase(t.dataSource, { officeId: nerima, label: '順番 新', openedOn: '2026-02-01', members: [{ personId: x, relationship: 'child' }] });
    await createCase(t.dataSource, { officeId: nukui, label: '順番 他', openedOn: '2026-03-01', members: [{ personId: x, relationship: 'child' }] });
    await createCase(t.dataSource, { officeId: nerima, label: '順番 制限', openedOn: '2026-04-01', restricted: true, members: [{ personId: x, relationship: 'child' }] });
    const search = (cursor?: string) => t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'ジュンバン', match: 'prefix', limit: 2, cursor } });
    const first = await search();
    expect({ ids: first.body.items.map((p: { id: string }) => p.id), total: first.body.total }).toEqual({ ids: [x, z], total: 3 });
    // Another office's case and a restricted one the consultant may not open are not named.
    expect(first.body.items[0].cases).toEqual([
      { id: newer.id, caseNumber: newer.caseNumber, label: '順番 新', status: 'open', relationship: 'child', relationshipLabel: '子', officeId: nerima },
      { id: older.id, caseNumber: older.caseNumber, label: '順番 旧', status: 'open', relationship: 'child', relationshipLabel: '子', officeId: nerima },
    ]);
    expect(first.body.items[1].cases).toEqual([]);
    // The last match renamed behind the cursor: the next page is empty, and still says how many match.
    await t.dataSource.query(`UPDATE persons SET name_kana = 'ベツメイ', name_kana_normalized = 'ベツメイ' WHERE id = $1`, [y]);
    const second = await search(first.body.nextCursor);
    expect({ items: second.body.items, total: second.body.total, nextCursor: second.body.nextCursor }).toEqual({ items: [], total: 2, nextCursor: null });
  });

  it('finds persons by partial kana in any spelling, by kanji, by birth date', async () => {
    const p = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '渡邉 結衣', nameKana: 'ワタナベ ユイ', birthDate: '2016-08-15' });
    for (const name of ['わたなべ', 'ﾀﾅﾍﾞ', 'ナベユイ', 'ゆい', '渡邉', '結衣']) {
      const res = await t.get('/api/v1/persons', { token: token.consultant1, query: { name } });
      expect({ name, found: res.body.items.map((x: { id: string }) => x.id) }).toEqual({ name, found: expect.arrayContaining([p]) });
    }
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'ナベ', match: 'prefix' } })).body.items.map((x: { id: string }) => x.id)).not.toContain(p);
    const byBirth = await t.get('/api/v1/persons', { token: token.consultant1, query: { birthDate: '2016-08-15' } });
    expect(byBirth.body.items.map((x: { id: string }) => x.id)).toEqual([p]);
    // LIKE wildcards in the input are literal.
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: '%' } })).body.total).toBe(0);
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: '_' } })).body.total).toBe(0);
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: '_', match: 'prefix' } })).body.total).toBe(0);
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { birthDate: '2016-02-30' } })).status).toBe(400);
    expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { unknown: 'x' } })).status).toBe(400);
  });

  it('filters cases by support level, lead worker, status, case number and member, with totals in scope', async () => {
    const marker = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '検索 対象', nameKana: 'ケンサク タイショウ', birthDate: '2014-03-03' });
    const mine = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, supportLevel: 'specified_expectant_mother', members: [{ personId: marker, relationship: 'child' }] });
    await createCase(t.dataSource, { officeId: nerima, leadWorkerId: supervisor1, supportLevel: 'specified_expectant_mother' });
    const closed = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, supportLevel: 'specified_expectant_mother', status: 'closed' });
    await createCase(t.dataSource, { officeId: nukui, supportLevel: 'specified_expectant_mother' });

    const q = (login: string, query: Record<string, string>) => t.get('/api/v1/cases', { token: token[login], query });
    expect((await q('supervisor1', { supportLevel: 'specified_expectant_mother' })).body.total).toBe(3);
    expect((await q('consultant1', { supportLevel: 'specified_expectant_mother' })).body.total).toBe(3);
    expect((await q('consultant2', { supportLevel: 'specified_expectant_mother' })).body.total).toBe(1);
    expect((await q('supervisor1', { supportLevel: 'specified_expectant_mother', leadWorkerId: consultant1 })).body.total).toBe(2);
    expect((await q('supervisor1', { supportLevel: 'specified_expectant_mother', status: 'closed' })).body.items.map((c: { id: string }) => c.id)).toEqual([closed.id]);
    expect((await q('consultant1', { supportLevel: 'specified_expectant_mother', assignedTo: 'me' })).body.total).toBe(2);
    expect((await q('consultant1', { caseNumber: mine.caseNumber })).body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await q('consultant1', { caseNumber: `${mine.caseNumber.slice(0, 3)}*` })).body.total).toBeGreaterThanOrEqual(3);
    expect((await q('consultant1', { name: 'けんさく' })).body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await q('consultant1', { name: '検索' })).body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await q('consultant1', { birthDate: '2014-03-03' })).body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await q('consultant1', { caseNumber: "R8-0001' OR 1=1" })).status).toBe(400);
    const search = await t.dataSource.query(`SELECT details FROM audit_events WHERE action = 'case.search' ORDER BY id DESC LIMIT 1`);
    expect(search[0].details.criteria).toEqual({ caseNumber: "R8-0001' OR 1=1" });
  });

  it('the member-name filter follows members added and removed and persons renamed, in kana and kanji', async () => {
    const family = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, label: '追跡 世帯' });
    const person = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '名簿 桜', nameKana: 'メイボ サクラ' });
    const found = async (name: string) =>
      (await t.get('/api/v1/cases', { token: token.consultant1, query: { name } })).body.items.map((c: { id: string }) => c.id).includes(family.id);
    expect(await found('めいぼ')).toBe(false);

    const added = await t.post(`/api/v1/cases/${family.id}/members`, { token: token.consultant1, body: { personId: person, relationship: 'child' } });
    expect(added.status).toBe(200);
    expect({ kana: await found('めいぼ'), kanji: await found('名簿'), partial: await found('ボサク') }).toEqual({ kana: true, kanji: true, partial: true });

    const read = await t.get(`/api/v1/persons/${person}`, { token: token.consultant1 });
    const renamed = await t.patch(`/api/v1/persons/${person}`, { token: token.consultant1, body: { nameKanji: '改名 桜', nameKana: 'カイメイ サクラ', version: read.body.version } });
    expect(renamed.status).toBe(200);
    expect({ old: await found('めいぼ'), oldKanji: await found('名簿'), kana: await found('かいめい'), kanji: await found('改名') }).toEqual({ old: false, oldKanji: false, kana: true, kanji: true });

    expect((await t.request('DELETE', `/api/v1/cases/${family.id}/members/${person}`, { token: token.consultant1 })).status).toBe(200);
    expect({ kana: await found('かいめい'), kanji: await found('改名'), label: await found('追跡') }).toEqual({ kana: false, kanji: false, label: true });
  });

  it('members added to one case by two transactions at once are both found', async () => {
    const family = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const first = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '同時 一', nameKana: 'ドウジ イチ' });
    const second = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '同時 二', nameKana: 'ドウジ ニ' });
    const a = t.dataSource.createQueryRunner();
    const b = t.dataSource.createQueryRunner();
    try {
      await a.startTransaction();
      await b.startTransaction();
      await a.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [family.id, first]);
      // The second insert's names wait for the first transaction's lock on the case, then read its member.
      const waiting = b.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [family.id, second]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await a.commitTransaction();
      await waiting;
      await b.commitTransaction();
    } finally {
      await a.release();
      await b.release();
    }
    const [row] = await t.dataSource.query(`SELECT member_names_kana, member_names_kanji FROM cases WHERE id = $1`, [family.id]);
    expect({ kana: row.member_names_kana.split('\n').sort(), kanji: row.member_names_kanji.split('\n').sort() }).toEqual({ kana: ['ドウジイチ', 'ドウジニ'], kanji: ['同時一', '同時二'] });
    for (const name of ['どうじいち', 'どうじに']) {
      const res = await t.get('/api/v1/cases', { token: token.consultant1, query: { name } });
      expect({ name, ids: res.body.items.map((c: { id: string }) => c.id) }).toEqual({ name, ids: [family.id] });
    }
    // The end of one member's name and the start of the next are not a name.
    for (const name of ['いちどうじ', 'にどうじ', '一同時', '二同時']) {
      const res = await t.get('/api/v1/cases', { token: token.consultant1, query: { name } });
      expect({ name, ids: res.body.items.map((c: { id: string }) => c.id) }).toEqual({ name, ids: [] });
    }
  });

  it('a person renamed while being removed from a case: both go through, and each case carries the names it should', async () => {
    const person = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '旧名 一', nameKana: 'キュウメイ イチ' });
    const sibling = await createPerson(t.dataSource, { officeId: nerima, nameKanji: '旧名 二', nameKana: 'キュウメイ ニ' });
    const leaving = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, members: [{ personId: person, relationship: 'child' }, { personId: sibling, relationship: 'child' }] });
    const staying = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, members: [{ personId: person, relationship: 'child' }] });
    const version = (await t.get(`/api/v1/persons/${person}`, { token: token.consultant1 })).body.version;
    const removal = t.dataSource.createQueryRunner();
    try {
      await removal.startTransaction();
      // As the removal of a member does: the case locked first, the member's row deleted (which locks the person) after.
      await removal.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [leaving.id]);
      const rename = t.patch(`/api/v1/persons/${person}`, { token: token.consultant1, body: { nameKanji: '新名 一', nameKana: 'シンメイ イチ', version } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await removal.query(`DELETE FROM case_members WHERE case_id = $1 AND person_id = $2`, [leaving.id, person]);
      await removal.commitTransaction();
      expect((await rename).status).toBe(200);
    } finally {
      await removal.release();
    }
    const names = await t.dataSource.query(`SELECT id, member_names_kana FROM cases WHERE id = ANY ($1)`, [[leaving.id, staying.id]]);
    expect(Object.fromEntries(names.map((r: { id: string; member_names_kana: string }) => [r.id, r.member_names_kana]))).toEqual({
      [leaving.id]: 'キュウメイニ',
      [staying.id]: 'シンメイイチ',
    });
  });

  it("merges the office's cases with those shared from other offices, page by page, in either order", async () => {
    const label = '併合試験世帯';
    const make = async (officeId: string, openedOn: string, nextReviewOn: string | null, extra: { sharedWithOfficeIds?: string[]; restricted?: boolean; status?: 'closed' } = {}) => {
      const created = await createCase(t.dataSource, { officeId, label, openedOn, ...extra });
      await t.dataSource.query(`UPDATE cases SET next_review_on = $2 WHERE id = $1`, [created.id, nextReviewOn]);
      return { id: created.id, openedOn, nextReviewOn };
    };
    const own = [
      await make(nerima, '2025-04-03', '2026-12-10'),
      await make(nerima, '2025-06-01', '2026-12-01'),
      await make(nerima, '2025-06-01', null, { status: 'closed' }),
      await make(nerima, '2025-09-15', '2027-01-05'),
      await make(nerima, '2026-01-20', '2026-12-01'),
    ];
    const shared = [
      await make(nukui, '2025-05-10', '2026-12-05', { sharedWithOfficeIds: [nerima] }),
      await make(nukui, '2025-06-01', '2027-02-01', { sharedWithOfficeIds: [nerima] }),
      await make(nukui, '2026-02-02', null, { sharedWithOfficeIds: [nerima] }),
    ];
    const restrictedShared = await make(nukui, '2025-07-07', '2026-12-20', { sharedWithOfficeIds: [nerima], restricted: true });
    await make(nukui, '2025-08-08', '2026-12-03'); // another office's, not shared: never listed
    const walk = async (login: string, sort?: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let total: number | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await t.get('/api/v1/cases', { token: token[login], query: { name: label, limit: 2, cursor, sort } });
        expect(res.status).toBe(200);
        total ??= res.body.total;
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return { seen, total };
    };
    type Made = { id: string; openedOn: string; nextReviewOn: string | null };
    const byOpenedDesc = (a: Made, b: Made) => b.openedOn.localeCompare(a.openedOn) || b.id.localeCompare(a.id);
    const byReviewAsc = (a: Made, b: Made) => (a.nextReviewOn ?? '9999-12-31').localeCompare(b.nextReviewOn ?? '9999-12-31') || a.id.localeCompare(b.id);
    // A supervisor reads every case of the office and every case shared with it, the restricted one included.
    const supervisorSees = [...own, ...shared, restrictedShared];
    expect(await walk('supervisor1')).toEqual({ seen: [...supervisorSees].sort(byOpenedDesc).map((c) => c.id), total: 9 });
    expect(await walk('supervisor1', 'next_review_asc')).toEqual({ seen: [...supervisorSees].sort(byReviewAsc).map((c) => c.id), total: 9 });
    // A consultant of the office: its open cases and the unrestricted shared ones.
    const consultantSees = [...own.filter((c) => c.nextReviewOn !== null), ...shared];
    expect(await walk('consultant1')).toEqual({ seen: [...consultantSees].sort(byOpenedDesc).map((c) => c.id), total: 7 });
    expect(await walk('consultant1', 'next_review_asc')).toEqual({ seen: [...consultantSees].sort(byReviewAsc).map((c) => c.id), total: 7 });
  });

  it('counts cases exactly up to 1,000, and says "at least 1,000" beyond', async () => {
    const label = '上限試験世帯';
    const addCases = (count: number) =>
      t.dataSource.query(
        `INSERT INTO cases (office_id, case_number, fiscal_year, label, support_level, opened_on)
         SELECT $1, 'CAP-' || g, 2001, $2, 'general', DATE '2001-05-01' FROM generate_series(1, $3) g`,
        [nerima, label, count],
      );
    const list = () => t.get('/api/v1/cases', { token: token.supervisor1, query: { name: label, limit: 5 } });
    // The one more is shared from another office: the two parts' counts add up past the cap.
    let sharedCase = { id: '' };
    const shareOne = async () => {
      sharedCase = await createCase(t.dataSource, { officeId: nukui, label, openedOn: '2001-06-01', sharedWithOfficeIds: [nerima], leadWorkerId: await t.userId('consultant2') });
    };
    await expectTotalCappedAt(1000, list, { fill: () => addCases(1000), oneMore: shareOne, pageSize: 5 });
    // Nukui's consultant sees only their own case among them.
    const theirs = await t.get('/api/v1/cases', { token: token.consultant2, query: { name: label } });
    expect({ total: theirs.body.total, ids: theirs.body.items.map((c: { id: string }) => c.id) }).toEqual({ total: 1, ids: [sharedCase.id] });
  });

  it('case pages stay stable while cases are opened', async () => {
    const created: string[] = [];
    for (let i = 0; i < 12; i++) created.push((await createCaseWithChild(t.dataSource, { officeId: nerima, supportLevel: 'general', openedOn: `2026-05-${String(1 + (i % 4)).padStart(2, '0')}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const res = await t.get('/api/v1/cases', { token: token.supervisor1, query: { supportLevel: 'general', limit: 5, cursor } });
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor ?? undefined;
      page += 1;
      if (page === 1) await createCaseWithChild(t.dataSource, { officeId: nerima, supportLevel: 'general', openedOn: '2026-05-02' });
    } while (cursor && page < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(created.every((id) => seen.includes(id))).toBe(true);
  });
});

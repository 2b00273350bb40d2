import { TestApp } from '../harness/test-app';

/**
 * Hand-written hostile input, beside the generated fuzzing: what a careless
 * paste, a broken client or an attacker sends. Each gets a clear 4xx or is
 * stored exactly as sent — never a 500, a stack trace or SQL in the answer.
 */
describe('hostile input', () => {
  let t: TestApp;
  let consultant: string;
  let nerima: string;
  beforeAll(async () => {
    t = await TestApp.start();
    consultant = await t.login('consultant1');
    nerima = await t.officeId('CFS-NERIMA');
  });
  afterAll(async () => {
    await t.close();
  });

  const LEAKS = /QueryFailedError|TypeORMError|at [\w.<>]+ \(|node_modules|\/src\/|SELECT .* FROM|INSERT INTO|syntax error/;
  const person = (fields: Record<string, unknown>) => t.post('/api/v1/persons', { token: consultant, body: { kind: 'child', nameKanji: '試験 太郎', nameKana: 'シケン タロウ', birthDate: '2020-01-01', createAnyway: true, ...fields } });

  it('deeply nested JSON (100k levels) → 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await t.post('/api/v1/persons', { token: consultant, rawBody: `{"kind":"child","nameKanji":"a","nameKana":"ア","address":${deep}}`, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.text).not.toMatch(LEAKS);
  });

  it('combining marks, emoji and SQL-looking text are stored and read back exactly', async () => {
    const nameKanji = "e\u0301\u0301 '); DROP TABLE persons; -- 👨‍👩‍👧‍👦";
    const address = '練馬区豊玉北6-12-1 ../../etc/passwd <script>alert(1)</script>';
    const created = await person({ nameKanji, address });
    expect(created.status).toBe(201);
    const read = await t.get(`/api/v1/persons/${created.body.id}`, { token: consultant });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ nameKanji, address });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM persons WHERE office_id = $1`, [nerima]);
    expect(n).toBeGreaterThan(0);
  });

  it('half-width kana is one reading with full-width: a person entered as ﾔﾏﾀﾞ is found as ヤマダ', async () => {
    const created = await person({ nameKanji: '山田 半角', nameKana: 'ﾔﾏﾀﾞ ﾊﾝｶｸ' });
    expect(created.status).toBe(201);
    const found = await t.get('/api/v1/persons', { token: consultant, query: { name: 'ヤマダ ハンカク', match: 'prefix' } });
    expect(found.status).toBe(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });

  it('NUL and lone surrogates in text → 400 naming the field, nothing stored', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM persons`);
    for (const address of ['a\u0000b', 'x\uD800y']) {
      const res = await person({ address });
      expect({ address: JSON.stringify(address), status: res.status }).toEqual({ address: JSON.stringify(address), status: 400 });
      expect(JSON.stringify(res.body.errors)).toContain('address');
      expect(res.text).not.toMatch(LEAKS);
    }
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM persons`)).toEqual(before);
  });

  it('numbers in exponent notation where decimals are expected → 400 (class-validator threw on them: 500)', async () => {
    const admin = await t.login('admin');
    for (const targetValue of [1e-7, -2e-323, 12.345]) {
      const res = await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2026, measureCode: 'watch_visits.done', targetValue } });
      expect({ targetValue, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ targetValue, status: 400, field: 'targetValue' });
    }
  });

  it('path traversal and SQL in ids → 400 or 404 problem+json, never a file or a 500', async () => {
    const ids = ['..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', "1'%20OR%20'1'%3D'1", '%00', '..', '%ED%A0%80', 'a'.repeat(5000)];
    for (const id of ids) {
      for (const path of [`/api/v1/cases/${id}`, `/api/v1/persons/${id}/links`, `/api/v1/watch-visits/${id}`]) {
        const res = await t.get(path, { token: consultant });
        expect({ path, status: [400, 404, 414].includes(res.status) }).toEqual({ path, status: true });
        expect(res.text).not.toMatch(/root:|LEAK/);
        expect(res.text).not.toMatch(LEAKS);
      }
    }
    const raw = await t.get('/api/v1/../../../etc/passwd', { token: consultant });
    expect(raw.status).toBe(404);
    expect(raw.text).not.toContain('root:');
  });
});

import { DataSource, QueryRunner } from 'typeorm';
import { PLAN_EACH_CALL } from '../src/database/auto-preparing-client';
import { MAX_TRACKED_STATEMENTS } from '../src/database/statement-cache';
import { TestDatabase } from './harness/test-app';

/** The application's connections prepare repeated statements (AutoPreparingClient), on a real PostgreSQL. */
describe('prepared statements', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await TestDatabase.create();
    dataSource = await db.openDataSource(2);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    runner = dataSource.createQueryRunner();
    await runner.connect();
  });
  afterEach(async () => {
    await runner.release();
  });

  const preparedTexts = async (): Promise<string[]> =>
    ((await runner.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)) as Array<{ statement: string }>).map((r) => r.statement);
  /** Runs more distinct statements than the cache keeps, each twice (so each is prepared), tagged to tell them apart. */
  const fill = async (tag: string) => {
    for (let i = 0; i < MAX_TRACKED_STATEMENTS + 30; i++) {
      await runner.query(`SELECT $1::int AS n /* ${tag} ${i} */`, [i]);
      await runner.query(`SELECT $1::int AS n /* ${tag} ${i} */`, [i]);
    }
  };

  it('prepares a parameterised text on its second use, and answers the same rows every time', async () => {
    const text = `SELECT $1::int + 1 AS n /* twice */`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await runner.query(text, [i]));
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
    expect(await preparedTexts()).toContain(text);
    // Texts without parameters run unprepared (they may hold several statements).
    await runner.query(`SELECT 1; SELECT 2`);
    await runner.query(`SELECT 1; SELECT 2`);
    expect((await preparedTexts()).some((t) => t.includes('SELECT 2'))).toBe(false);
  });

  it('never prepares a text marked to be planned on each call', async () => {
    const text = `${PLAN_EACH_CALL}SELECT count(*)::int AS n FROM generate_series(1, 3) g WHERE g::text LIKE $1`;
    for (let i = 0; i < 8; i++) expect(await runner.query(text, ['%'])).toEqual([{ n: 3 }]);
    expect(await preparedTexts()).not.toContain(text);
  });

  it('keeps at most its size of statements on the server, freeing the least recently used while idle', async () => {
    await fill('idle');
    let texts = await preparedTexts();
    // One statement dropped by the last call is freed at the next one.
    expect(texts.length).toBeLessThanOrEqual(MAX_TRACKED_STATEMENTS + 1);
    expect(texts.some((t) => t.endsWith(`/* idle ${MAX_TRACKED_STATEMENTS + 29} */`))).toBe(true);
    expect(texts.some((t) => t.endsWith(`/* idle 0 */`))).toBe(false);

    // Inside a transaction nothing is deallocated (a failing DEALLOCATE would abort it): it waits for the next idle call.
    await runner.startTransaction();
    await fill('busy');
    expect((await preparedTexts()).length).toBeGreaterThan(MAX_TRACKED_STATEMENTS + 1);
    await runner.commitTransaction();
    await runner.query(`SELECT $1::int AS n /* after */`, [1]);
    texts = await preparedTexts();
    expect(texts.length).toBeLessThanOrEqual(MAX_TRACKED_STATEMENTS + 1);
  });

  it('frees dropped statements before sending the next statement, never while another query runs on the connection', async () => {
    // pg 8 queues a query sent while another runs (and pg 9 will refuse it): watch what is queued, through pg's
    // own queue (internals, as AutoPreparingClient.isIdle reads them), since pg warns about it only once per process.
    const client = (runner as unknown as { databaseConnection: { _queryQueue: unknown[]; _activeQuery: unknown } }).databaseConnection;
    let sentWhileBusy = 0;
    const queue: unknown[] = [];
    queue.push = (...items: unknown[]) => {
      if (client._activeQuery || queue.length > 0) sentWhileBusy++;
      return Array.prototype.push.apply(queue, items);
    };
    const pgQueue = client._queryQueue;
    client._queryQueue = queue;
    try {
      await fill('freed');
    } finally {
      client._queryQueue = pgQueue;
    }
    const texts = await preparedTexts();
    expect(texts.length).toBeLessThanOrEqual(MAX_TRACKED_STATEMENTS + 1);
    expect(texts.some((t) => t.endsWith(`/* freed 0 */`))).toBe(false);
    expect(sentWhileBusy).toBe(0);
  });

  it('an error inside a transaction rolls back as usual and the connection keeps its statements working', async () => {
    const text = `SELECT 10 / $1::int AS q`;
    await runner.query(text, [2]);
    await runner.query(text, [5]);
    await runner.startTransaction();
    await expect(runner.query(text, [0])).rejects.toThrow(/division by zero/);
    await runner.rollbackTransaction();
    expect(await runner.query(text, [10])).toEqual([{ q: 1 }]);
  });

  it('mends itself when a table changes under a prepared statement', async () => {
    await runner.query(`CREATE TABLE prepared_probe (a int)`);
    await runner.query(`INSERT INTO prepared_probe VALUES (1)`);
    const text = `SELECT * FROM prepared_probe WHERE a = $1`;
    await runner.query(text, [1]);
    expect(await runner.query(text, [1])).toEqual([{ a: 1 }]);
    await runner.query(`ALTER TABLE prepared_probe ADD COLUMN b int`);
    // PostgreSQL refuses the prepared statement ("cached plan must not change result type"): outside a
    // transaction the text runs again unprepared, and the caller never sees it.
    // Prepared again from its second use after that.
    for (let i = 0; i < 3; i++) expect(await runner.query(text, [1])).toEqual([{ a: 1, b: null }]);
    expect(await preparedTexts()).toContain(text);
    // Inside a transaction the failure has aborted it: the caller sees it once, and the next call is prepared afresh.
    await runner.query(`ALTER TABLE prepared_probe ADD COLUMN c int`);
    await runner.startTransaction();
    await expect(runner.query(text, [1])).rejects.toMatchObject({ driverError: { code: '0A000' } });
    await runner.rollbackTransaction();
    expect(await runner.query(text, [1])).toEqual([{ a: 1, b: null, c: null }]);
  });
});

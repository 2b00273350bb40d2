import { DataSource } from 'typeorm';
import { instantTextSql } from '../src/database/instant-text';
import { TestDatabase } from './harness/test-app';

/** `instantTextSql` gives, on the real PostgreSQL, the text JSON gives the Date pg would have parsed. */
describe('instant text', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create();
    dataSource = await db.openDataSource();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('matches JSON.stringify of the parsed Date, microseconds, zone offsets and NULL included', async () => {
    const instants = [
      '2026-11-27 05:00:00+00',
      '2026-11-27 23:59:59.999999+09',
      '2026-03-31 15:00:00.0005+00',
      '2027-01-01 00:00:00.123456+00',
      '2024-02-29 12:34:56.7+05:30',
      '1999-12-31 23:59:59.9999995+00',
      '2000-01-01 00:00:00.001+00',
    ];
    let seed = 5;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 200; i++) {
      // A millisecond instant over eight years, with three more digits of microseconds.
      const ms = Date.UTC(2020, 0, 1) + next(8 * 365) * 86_400_000 + next(86_400_000);
      instants.push(new Date(ms).toISOString().replace('Z', `${String(next(1000)).padStart(3, '0')}+00`));
    }
    const rows: Array<{ parsed: Date | null; text: string | null }> = await dataSource.query(
      `SELECT t AS parsed, ${instantTextSql('t')} AS text FROM unnest($1::timestamptz[] || ARRAY[NULL::timestamptz]) AS u(t)`,
      [instants],
    );
    expect(rows).toHaveLength(instants.length + 1);
    for (const row of rows) expect(row.text).toBe(row.parsed === null ? null : JSON.parse(JSON.stringify(row.parsed)));
  });
});

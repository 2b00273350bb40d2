import { QueryRunner } from 'typeorm';
import { addDays, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { dueListSql, namingCallerSql } from '../src/modules/reminders/due-list/due-list.service';
import { RecipientResolverRegistry } from '../src/modules/reminders/recipients/recipient-resolver.registry';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Join Filter'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The personal due list (今日の対応) as a prepared statement, the way the API
 * runs it from its seventh call on a connection: PostgreSQL may then keep a
 * generic plan, made without the caller's values. Written as a plain join,
 * that plan read every open reminder of the window and tested each against
 * every recipient naming the caller, and at the 1m scale a consultant's list
 * ran into the statement timeout (see `dueListSql`). Whichever plan is kept,
 * each recipient must be looked up where the reminders are read, never tested
 * as a join filter over reminders already read, and the page's rows read by
 * their ids.
 */
describe('the due list plan', () => {
  let t: TestApp;
  let runner: QueryRunner;
  let params: unknown[];

  beforeAll(async () => {
    t = await TestApp.start();
    const consultant1 = await t.userId('consultant1');
    const nerima = await t.officeId('CFS-NERIMA');
    // A consultant leading a few cases, and a ward of open reminders naming other people: enough rows for the
    // planner to weigh reading the window's reminders against probing the recipients index.
    const led = [];
    for (let i = 0; i < 20; i++) led.push(await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 }));
    await t.dataSource.query(
      `INSERT INTO reminders (key, rule, subject_type, subject_id, office_id, title, due_at, recipients)
       SELECT 'plan-test:' || g, 'watch_visit.due', 'watch_visit_plan', g::text, $1, '見守り訪問の予定日です',
              now() + (g % 7) * interval '1 day', jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', gen_random_uuid()::text))
         FROM generate_series(1, 5000) AS g`,
      [nerima],
    );
    // Two of them name the consultant: as a user, and as the lead of a case and a user both (listed once).
    await t.dataSource.query(
      `INSERT INTO reminders (key, rule, subject_type, subject_id, office_id, title, due_at, recipients)
       VALUES ('plan-test:mine', 'watch_visit.due', 'watch_visit_plan', 'mine', $1, '見守り訪問の予定日です', now() + interval '2 days', $2),
              ('plan-test:led', 'watch_visit.due', 'watch_visit_plan', 'led', $1, '見守り訪問の予定日です', now() + interval '3 days', $3)`,
      [nerima, JSON.stringify([{ kind: 'user', userId: consultant1 }]), JSON.stringify([{ kind: 'case_lead', caseId: led[7].id }, { kind: 'user', userId: consultant1 }])],
    );
    await t.dataSource.query(`ANALYZE reminders, cases`);
    const today = todayInJapan();
    params = [japanDateTime(today), japanDateTime(addDays(today, 1)), japanDateTime(addDays(today, 8)), null, 100, consultant1, nerima, ['consultant']];
    runner = t.dataSource.createQueryRunner();
    await runner.connect();
  });
  afterAll(async () => {
    await runner.release();
    await t.close();
  });

  /** The plan of the due list's statement (the caller's own list, or the office's) prepared under these settings (reset afterwards). */
  const planOf = async (scope: 'mine' | 'office', settings: Record<string, string>): Promise<PlanNode[]> => {
    const naming = namingCallerSql(t.app.get(RecipientResolverRegistry), { userId: '$6', officeId: '$7', roles: '$8::text[]' });
    const [sql, values] = scope === 'mine' ? [dueListSql(naming), params] : [dueListSql(null), [...params.slice(0, 5), params[6]]];
    await runner.query(`DEALLOCATE ALL`);
    for (const [name, value] of Object.entries(settings)) await runner.query(`SET ${name} = ${value}`);
    await runner.query(`PREPARE due_list AS ${sql}`);
    const literals = values.map((value) => (value === null ? 'NULL' : `'${Array.isArray(value) ? `{${value.join(',')}}` : value instanceof Date ? value.toISOString() : String(value)}'`));
    const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) EXECUTE due_list(${literals.join(', ')})`)) as Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;
    for (const name of Object.keys(settings)) await runner.query(`RESET ${name}`);
    return nodesOf(row['QUERY PLAN'][0].Plan);
  };
  const conditions = (node: PlanNode) => [node['Index Cond'], node['Recheck Cond'], node.Filter].join(' ');
  const GENERIC = { plan_cache_mode: 'force_generic_plan' };
  const CUSTOM = { plan_cache_mode: 'force_custom_plan' };

  it.each([
    ['a generic plan', GENERIC],
    ['a custom plan', CUSTOM],
  ])('probes the recipients index for each recipient: %s', async (_, settings) => {
    const nodes = await planOf('mine', settings);
    expect(nodes.filter((node) => node['Join Filter']?.includes('@>')).map((node) => node['Join Filter'])).toEqual([]);
    expect(nodes.filter((node) => node['Index Name'] === 'reminders_open_recipients_idx' && conditions(node).includes('@>'))).not.toEqual([]);
  });

  // The estimates at their worst for the look-ups, as the 1m scale's made them (a probe of the recipients index
  // priced at 3,622 rows, for each of 1,500 recipients): index scans priced out stand in for them here. The probe
  // is then a scan per recipient, but the containment is still tested where the reminders are read, never as a
  // filter of a join over reminders read beforehand (which the join form of the statement came to).
  it('tests each recipient where the reminders are read, even when index look-ups look dear', async () => {
    const nodes = await planOf('mine', { ...GENERIC, enable_bitmapscan: 'off', enable_indexscan: 'off' });
    expect(nodes.filter((node) => node['Join Filter']?.includes('@>')).map((node) => node['Join Filter'])).toEqual([]);
    expect(nodes.filter((node) => node['Relation Name'] === 'reminders' && conditions(node).includes('@>'))).not.toEqual([]);
  });

  // Joined by id to every reminder the office's list counts, the page's rows were read, in a plan made for the
  // values, by a hash join over the whole reminders table (at the 1m scale 1.2M rows, 463 MB).
  it.each([
    ['mine, a generic plan', 'mine', GENERIC],
    ['mine, a custom plan', 'mine', CUSTOM],
    ['the office, a generic plan', 'office', GENERIC],
    ['the office, a custom plan', 'office', CUSTOM],
  ] as const)("reads the page's reminders by their ids: %s", async (_, scope, settings) => {
    const nodes = await planOf(scope, settings);
    expect(nodes.filter((node) => node['Index Name'] === 'reminders_pkey')).not.toEqual([]);
  });

  it('answers the same list on every call, prepared or not', async () => {
    const token = await t.login('consultant1');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await t.get('/api/v1/reminders', { token })).body);
    expect(answers[0].upcoming.items.map((item: { subjectId: string }) => item.subjectId)).toEqual(['mine', 'led']);
    expect(answers[0].upcoming.total).toBe(2);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    // A group cut at the limit still counts all of its reminders.
    const first = await t.get('/api/v1/reminders', { token, query: { limit: 1 } });
    expect(first.body.upcoming).toMatchObject({ items: [expect.objectContaining({ subjectId: 'mine' })], total: 2 });
  });
});

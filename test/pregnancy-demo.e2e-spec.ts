import { seed } from '../seeds/seed';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';

describe('pregnancy demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const counts = async () =>
    (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM pregnancy_notifications) AS n, (SELECT count(*) FROM pregnancy_interviews) AS i, (SELECT count(*) FROM cases) AS c,
              (SELECT count(*) FROM postpartum_care_applications) AS a, (SELECT count(*) FROM persons) AS p, (SELECT count(*) FROM pregnancy_contact_attempts) AS t,
              (SELECT count(*) FROM reminders) AS r`,
    ))[0];

  it('is idempotent', async () => {
    const before = await counts();
    expect(Number(before.n)).toBeGreaterThanOrEqual(6);
    await seed(t.dataSource, { demo: true, demoPassword: DEMO_PASSWORD });
    expect(await counts()).toEqual(before);
  });

  it('shows the waiting list and candidates to 豊玉, and each 特定妊婦 to its own centre only', async () => {
    const [nurse1, consultant1, consultant2] = await Promise.all(['nurse1', 'consultant1', 'consultant2'].map((l) => t.login(l)));
    const waiting = (await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1 })).body;
    expect(waiting.items.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['filed', 'unreachable']));

    const nerimaView = (await t.get('/api/v1/pregnancy-interviews', { token: consultant1 })).body.items.map((i: { mother: { nameKanji: string } }) => i.mother.nameKanji);
    const nukuiView = (await t.get('/api/v1/pregnancy-interviews', { token: consultant2 })).body.items.map((i: { mother: { nameKanji: string } }) => i.mother.nameKanji);
    expect(nerimaView).toEqual(['羽沢 由美']);
    expect(nukuiView).toEqual(['栄町 真理子']);

    const apps = (await t.get('/api/v1/postpartum-care-applications', { token: nurse1 })).body.items.map((a: { status: string }) => a.status);
    expect(apps.sort()).toEqual(['applied', 'approved']);
  });

  it("schedules the 保健相談所's reminders for the worker to deliver", async () => {
    const rows: Array<{ rule: string; stage: string; n: number }> = await t.dataSource.query(
      `SELECT rule, stage::text, count(*)::int AS n FROM reminders WHERE rule LIKE 'pregnancy.%' AND state = 'scheduled' GROUP BY rule, stage ORDER BY rule, stage`,
    );
    expect(rows).toEqual([
      { rule: 'pregnancy.follow_up_due', stage: 'due', n: 3 },
      { rule: 'pregnancy.interview_overdue', stage: 'due', n: 3 },
      { rule: 'pregnancy.interview_overdue', stage: 'escalation', n: 3 },
    ]);
  });
});

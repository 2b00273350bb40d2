import { EntityManager } from 'typeorm';
import { addDays, addMonths, JapanDate, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { addWorkingDays } from '../src/common/time/working-days';
import { allocateCaseNumber } from '../src/modules/cases/case-number.allocator';
import { normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';
import { VisitFrequency, WatchVisitPlanStatus } from '../src/modules/watch-visits/entities/watch-visit-plan.entity';
import { deriveNextDue } from '../src/modules/watch-visits/next-due';

/**
 * Demo data for 見守り訪問 and 巡回訪問: three fictitious families (two at
 * 練馬, one at 貫井) with visit plans and visits, day facilities of both
 * offices, children of concern, a recorded and two planned rounds, and
 * attendance reports. Dates are relative to the day of seeding so the demo
 * shows visits due, one overdue and reports missing. Rows have fixed ids:
 * running the seed again changes nothing.
 */
const id = (n: number): string => `d6000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface PersonSeed {
  id: string;
  kind: 'child' | 'guardian';
  kanji: string;
  kana: string;
  birthDate: string;
  sex: 'female' | 'male';
  relationship: 'child' | 'mother' | 'father';
}

interface FamilySeed {
  caseId: string;
  officeCode: string;
  lead: string;
  label: string;
  supportLevel: 'support_required' | 'protection_required';
  openedDaysAgo: number;
  members: PersonSeed[];
}

export async function seedDemoVisits(manager: EntityManager): Promise<void> {
  const [already] = await manager.query(`SELECT 1 FROM cases WHERE id = $1`, [id(101)]);
  if (already) return;
  const today = todayInJapan();
  const workday = (back: number): JapanDate => addWorkingDays(today, -back);
  const users = await userIds(manager, ['consultant1', 'supervisor1', 'consultant2', 'supervisor2']);
  const offices = await officeIds(manager, ['CFS-NERIMA', 'CFS-NUKUI']);

  const families: FamilySeed[] = [
    {
      caseId: id(101),
      officeCode: 'CFS-NERIMA',
      lead: users.consultant1,
      label: '山田 世帯',
      supportLevel: 'support_required',
      openedDaysAgo: 150,
      members: [
        { id: id(201), kind: 'child', kanji: '山田 陽翔', kana: 'ヤマダ ハルト', birthDate: '2021-06-14', sex: 'male', relationship: 'child' },
        { id: id(202), kind: 'child', kanji: '山田 結衣', kana: 'ヤマダ ユイ', birthDate: '2024-02-03', sex: 'female', relationship: 'child' },
        { id: id(203), kind: 'guardian', kanji: '山田 美香', kana: 'ヤマダ ミカ', birthDate: '1994-09-21', sex: 'female', relationship: 'mother' },
      ],
    },
    {
      caseId: id(102),
      officeCode: 'CFS-NERIMA',
      lead: users.consultant1,
      label: '佐藤 世帯',
      supportLevel: 'protection_required',
      openedDaysAgo: 90,
      members: [
        { id: id(204), kind: 'child', kanji: '佐藤 蒼', kana: 'サトウ アオイ', birthDate: '2017-11-30', sex: 'male', relationship: 'child' },
        { id: id(205), kind: 'guardian', kanji: '佐藤 健太', kana: 'サトウ ケンタ', birthDate: '1988-03-02', sex: 'male', relationship: 'father' },
      ],
    },
    {
      caseId: id(103),
      officeCode: 'CFS-NUKUI',
      lead: users.consultant2,
      label: '鈴木 世帯',
      supportLevel: 'support_required',
      openedDaysAgo: 120,
      members: [
        { id: id(206), kind: 'child', kanji: '鈴木 芽依', kana: 'スズキ メイ', birthDate: '2020-08-18', sex: 'female', relationship: 'child' },
        { id: id(207), kind: 'guardian', kanji: '鈴木 由美', kana: 'スズキ ユミ', birthDate: '1990-12-08', sex: 'female', relationship: 'mother' },
      ],
    },
  ];
  for (const family of families) await insertFamily(manager, family, offices[family.officeCode], addDays(today, -family.openedDaysAgo));

  // 山田: weekly, visited twice; the next visit is due about now.
  await insertPlan(manager, users.consultant1, {
    id: id(301),
    caseId: id(101),
    frequency: VisitFrequency.Weekly,
    startOn: workday(30),
    worker: users.consultant1,
    purpose: '母の育児負担の確認と児童2名の安全確認（目視）',
    visits: [
      { id: id(401), on: workday(8), done: true, risk: 'same', children: [[id(201), 'good'], [id(202), 'good']], home: '室内は片付いている。', guardian: '母は疲れた様子だが受け答えはしっかりしている。' },
      { id: id(402), on: workday(3), done: true, risk: 'lower', children: [[id(201), 'good'], [id(202), null]], home: '食材の備蓄あり。', guardian: '母は保育園の送迎支援を希望。', note: '結衣は午睡中のため目視できず。' },
    ],
  });
  // 佐藤: every two weeks; an attempt with nobody home and then no visit: overdue, escalated to the supervisors.
  await insertPlan(manager, users.consultant1, {
    id: id(302),
    caseId: id(102),
    frequency: VisitFrequency.Biweekly,
    startOn: workday(40),
    worker: users.consultant1,
    purpose: '父子家庭の生活状況と児童の登校状況の確認',
    visits: [
      { id: id(403), on: workday(38), done: true, risk: 'same', children: [[id(204), 'some_concern']], home: '台所に洗い物がたまっている。', guardian: '父は夜勤明けで疲労が強い。' },
      { id: id(404), on: workday(27), done: false },
    ],
  });
  // 鈴木 (貫井): monthly; the last visit judged the risk higher.
  await insertPlan(manager, users.consultant2, {
    id: id(303),
    caseId: id(103),
    frequency: VisitFrequency.Monthly,
    startOn: workday(35),
    worker: users.consultant2,
    purpose: '面前DVの再発防止に向けた見守り',
    visits: [{ id: id(405), on: workday(8), done: true, risk: 'higher', children: [[id(206), 'some_concern']], guardian: '母の表情が硬く、同居人の出入りがある様子。', concerns: '同居人の存在を確認する必要あり。' }],
  });

  const facilities = {
    hidamari: await facility(manager, offices['CFS-NERIMA'], 'nursery', 'ひだまり保育園（デモ）', '練馬区豊玉北9-1-1', '03-0000-1001', '園長 田中'),
    minami: await facility(manager, offices['CFS-NERIMA'], 'elementary_school', '豊玉みなみ小学校（デモ）', '練馬区豊玉南9-2-2', '03-0000-1002', '副校長 高橋'),
    keyaki: await facility(manager, offices['CFS-NERIMA'], 'after_school_club', 'けやき学童クラブ（デモ）', '練馬区練馬9-3-3', '03-0000-1003', null),
    nukuiNursery: await facility(manager, offices['CFS-NUKUI'], 'nursery', 'ぬくい南保育園（デモ）', '練馬区貫井9-4-4', '03-0000-2001', '園長 伊藤'),
    nukuiJh: await facility(manager, offices['CFS-NUKUI'], 'junior_high_school', 'ぬくい中学校（デモ）', '練馬区貫井9-5-5', '03-0000-2002', null),
  };

  const flagStart = addMonths(`${today.slice(0, 7)}-01`, -3);
  await manager.query(
    `INSERT INTO children_of_concern (id, case_id, person_id, facility_id, start_on, class_name, reason, created_by) VALUES
       ($1, $2, $3, $4, $5, 'ぞう組（4歳児）', '登園時の様子と欠席の連絡の有無を見守り', $6),
       ($7, $8, $9, $10, $5, '3年1組', '欠席が続く場合はすぐにセンターへ連絡', $6),
       ($11, $12, $13, $14, $5, 'ほし組（6歳児）', '衣服・食事の様子と降園後の迎えの状況', $15)`,
    [id(501), id(101), id(201), facilities.hidamari, flagStart, users.consultant1, id(502), id(102), id(204), facilities.minami, id(503), id(103), id(206), facilities.nukuiNursery, users.consultant2],
  );
  // Reports: 陽翔's first two months, 蒼's first month with a long absence; the rest is missing.
  const month = (back: number) => addMonths(`${today.slice(0, 7)}-01`, -back);
  await manager.query(
    `INSERT INTO attendance_reports (id, child_of_concern_id, month, days_attended, days_absent, absences_explained, longest_consecutive_absence, received_on, long_absence, notes, created_by) VALUES
       ($1, $2, $3, 19, 2, true, 1, $4, false, '発熱による欠席（連絡あり）', $5),
       ($6, $2, $7, 20, 0, NULL, 0, $8, false, NULL, $5),
       ($9, $10, $3, 12, 8, false, 7, $4, true, '連絡のない欠席が続いた', $5)`,
    [id(601), id(501), month(3), addDays(month(2), 5), users.consultant1, id(602), month(2), addDays(month(1), 6), id(603), id(502)],
  );

  // 練馬: a round done three weeks ago at ひだまり保育園, the next one planned; 貫井: a round planned next week.
  const visitedOn = workday(15);
  const nextOn = addWorkingDays(today, 10);
  await manager.query(
    `INSERT INTO facility_rounds (id, office_id, facility_id, status, planned_on, visitor_ids, purpose, visited_at, visited_on, summary, next_round_on, next_round_id, recorded_by, recorded_at, created_by)
     VALUES ($1, $2, $3, 'planned', $4, $5, '要配慮児童の様子確認と園との情報共有', NULL, NULL, NULL, NULL, NULL, NULL, NULL, $6)`,
    [id(702), offices['CFS-NERIMA'], facilities.hidamari, nextOn, [users.consultant1], users.consultant1],
  );
  await manager.query(
    `INSERT INTO facility_rounds (id, office_id, facility_id, status, planned_on, visitor_ids, purpose, visited_at, visited_on, summary, next_round_on, next_round_id, recorded_by, recorded_at, created_by)
     VALUES ($1, $2, $3, 'done', $4, $5, '要配慮児童の様子確認と園との情報共有', $6, $4, '園長・担任と面談。園全体で気になる児童は2名。', $7, $8, $9, $6, $9)`,
    [id(701), offices['CFS-NERIMA'], facilities.hidamari, visitedOn, [users.consultant1, users.supervisor1], japanDateTime(visitedOn, 10), nextOn, id(702), users.consultant1],
  );
  await manager.query(`UPDATE facility_rounds SET previous_round_id = $1 WHERE id = $2`, [id(701), id(702)]);
  await manager.query(
    `INSERT INTO facility_round_observations (id, round_id, child_of_concern_id, attendance, appearance, concerns)
     VALUES ($1, $2, $3, 'present', '衣服は清潔。友達と積み木で遊んでいた。', '朝の登園が9時半を過ぎる日が増えている。')`,
    [id(711), id(701), id(501)],
  );
  await manager.query(
    `INSERT INTO facility_round_consultations (id, round_id, position, facility_staff_role, topic, advice, child_of_concern_id) VALUES
       ($1, $2, 0, '園長', '要配慮児童の欠席連絡の流れ', '連絡のない欠席は当日中にセンターへ電話', NULL),
       ($3, $2, 1, '担任', '陽翔の登園時刻', '母の体調を確認するため、センターから家庭訪問で様子を見る', $4)`,
    [id(721), id(701), id(722), id(501)],
  );
  await manager.query(
    `INSERT INTO facility_round_follow_ups (id, round_id, position, action, due_on, child_of_concern_id)
     VALUES ($1, $2, 0, '次回見守り訪問で母の体調と朝の支度の様子を確認', $3, $4)`,
    [id(731), id(701), addWorkingDays(visitedOn, 5), id(501)],
  );
  await manager.query(
    `INSERT INTO facility_rounds (id, office_id, facility_id, status, planned_on, visitor_ids, purpose, created_by)
     VALUES ($1, $2, $3, 'planned', $4, $5, '新年度の要配慮児童の引継ぎ確認', $6)`,
    [id(703), offices['CFS-NUKUI'], facilities.nukuiNursery, addWorkingDays(today, 5), [users.consultant2], users.consultant2],
  );
}

async function insertFamily(manager: EntityManager, family: FamilySeed, officeId: string, openedOn: JapanDate): Promise<void> {
  for (const p of family.members) {
    await manager.query(
      `INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '練馬区（デモ）')`,
      [p.id, officeId, p.kind, p.kanji, p.kana, normalizeKanji(p.kanji), normalizeKana(p.kana), p.birthDate, p.sex],
    );
  }
  const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, officeId, openedOn);
  await manager.query(
    `INSERT INTO cases (id, office_id, case_number, fiscal_year, label, support_level, lead_worker_id, opened_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [family.caseId, officeId, caseNumber, fiscalYear, family.label, family.supportLevel, family.lead, openedOn],
  );
  for (const p of family.members) {
    await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3)`, [family.caseId, p.id, p.relationship]);
  }
}

interface VisitSeed {
  id: string;
  on: JapanDate;
  done: boolean;
  risk?: 'lower' | 'same' | 'higher';
  children?: Array<[string, 'good' | 'some_concern' | null]>;
  home?: string;
  guardian?: string;
  concerns?: string;
  note?: string;
}

async function insertPlan(
  manager: EntityManager,
  createdBy: string,
  plan: { id: string; caseId: string; frequency: VisitFrequency; startOn: JapanDate; worker: string; purpose: string; visits: VisitSeed[] },
): Promise<void> {
  const derive = (lastDone: VisitSeed | undefined) =>
    deriveNextDue({
      status: WatchVisitPlanStatus.Active,
      frequency: plan.frequency,
      intervalDays: null,
      startOn: plan.startOn,
      lastDone: lastDone ? { visitedOn: lastDone.on, nextVisitOn: null } : null,
      revisitOn: null,
      resumedOn: null,
    }) as JapanDate;
  const done = plan.visits.filter((v) => v.done);
  const lastDone = done[done.length - 1];
  const nextDueOn = derive(lastDone);
  await manager.query(
    `INSERT INTO watch_visit_plans (id, case_id, frequency, start_on, responsible_worker_id, purpose, status, next_due_on, last_visit_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9)`,
    [plan.id, plan.caseId, plan.frequency, plan.startOn, plan.worker, plan.purpose, nextDueOn, lastDone?.on ?? null, createdBy],
  );
  await manager.query(
    `INSERT INTO watch_visit_plan_events (plan_id, action, effective_on, next_due_on, actor_id, at) VALUES ($1, 'created', $2, $2, $3, $4)`,
    [plan.id, plan.startOn, createdBy, japanDateTime(plan.startOn, 9)],
  );
  let dueOn = derive(undefined);
  const children = await manager.query(`SELECT m.person_id FROM case_members m JOIN persons p ON p.id = m.person_id WHERE m.case_id = $1 AND p.kind = 'child'`, [plan.caseId]);
  for (const v of plan.visits) {
    await manager.query(
      `INSERT INTO watch_visits (id, case_id, plan_id, visited_at, visited_on, due_on, visitor_ids, outcome, not_done_reason, home_environment, guardian_state, concerns, risk_change, notes, alerts, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        v.id,
        plan.caseId,
        plan.id,
        japanDateTime(v.on, 10, 30),
        v.on,
        dueOn,
        [plan.worker],
        v.done ? 'done' : 'not_done',
        v.done ? null : 'no_one_home',
        v.home ?? null,
        v.guardian ?? null,
        v.concerns ?? null,
        v.risk ?? null,
        v.note ?? null,
        v.risk === 'higher' ? ['risk_higher'] : [],
        createdBy,
      ],
    );
    const seen = new Map(v.children ?? []);
    for (const { person_id } of children as Array<{ person_id: string }>) {
      const condition = seen.get(person_id);
      await manager.query(`INSERT INTO watch_visit_children (visit_id, person_id, seen, condition) VALUES ($1, $2, $3, $4)`, [v.id, person_id, Boolean(condition), condition ?? null]);
    }
    if (v.done) dueOn = derive(v);
  }
}

async function facility(manager: EntityManager, officeId: string, type: string, name: string, address: string, phone: string, contact: string | null): Promise<string> {
  const [inserted] = await manager.query(
    `INSERT INTO facilities (type, name, address, phone, contact_person, office_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (office_id, type, name) DO NOTHING RETURNING id`,
    [type, name, address, phone, contact, officeId],
  );
  if (inserted) return (inserted as { id: string }).id;
  const [existing] = await manager.query(`SELECT id FROM facilities WHERE office_id = $1 AND type = $2 AND name = $3`, [officeId, type, name]);
  return (existing as { id: string }).id;
}

async function userIds(manager: EntityManager, logins: string[]): Promise<Record<string, string>> {
  const rows: Array<{ login_id: string; id: string }> = await manager.query(`SELECT login_id, id FROM users WHERE login_id = ANY ($1)`, [logins]);
  return Object.fromEntries(rows.map((r) => [r.login_id, r.id]));
}

async function officeIds(manager: EntityManager, codes: string[]): Promise<Record<string, string>> {
  const rows: Array<{ code: string; id: string }> = await manager.query(`SELECT code, id FROM offices WHERE code = ANY ($1)`, [codes]);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

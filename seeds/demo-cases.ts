import { EntityManager } from 'typeorm';
import { addDays, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { allocateCaseNumber } from '../src/modules/cases/case-number.allocator';
import { progressReviewReminder } from '../src/modules/cases/case-reminder-rules';
import { safetyDueAt } from '../src/modules/child-abuse-reports/rule48';
import { normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';

/**
 * Demo families for the case registry (every person fictitious). Keyed by
 * fixed ids: a record that exists is left as it is, so running the seed
 * again changes nothing. Dates are set relative to the day of the first run,
 * and every review date lies ahead, so no reminder fires during a demo start.
 *
 * - 練馬 (CFS-NERIMA): 佐藤 世帯 (要支援, consultant1), 高橋 世帯 (要保護 after a
 *   school 通告, 安全確認 within 48 hours), 鈴木 世帯 (restricted: DV, lead supervisor1).
 * - 貫井 (CFS-NUKUI): 伊藤 世帯 (要支援, consultant2, a 通告 confirmed late).
 */
const id = (n: number): string => `5eed0004-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface DemoPerson {
  id: string;
  office: string;
  kind: 'child' | 'expectant_mother' | 'guardian' | 'other';
  kanji: string;
  kana: string;
  birthDate: string;
  sex: 'female' | 'male';
  address?: string;
}

const PERSONS: DemoPerson[] = [
  { id: id(1), office: 'CFS-NERIMA', kind: 'guardian', kanji: '佐藤 美和', kana: 'サトウ ミワ', birthDate: '1991-03-08', sex: 'female', address: '練馬区豊玉北（架空）1-2-3' },
  { id: id(2), office: 'CFS-NERIMA', kind: 'child', kanji: '佐藤 陽太', kana: 'サトウ ヒナタ', birthDate: '2019-05-14', sex: 'male', address: '練馬区豊玉北（架空）1-2-3' },
  { id: id(3), office: 'CFS-NERIMA', kind: 'child', kanji: '佐藤 結菜', kana: 'サトウ ユナ', birthDate: '2022-01-20', sex: 'female', address: '練馬区豊玉北（架空）1-2-3' },
  { id: id(4), office: 'CFS-NERIMA', kind: 'guardian', kanji: '高橋 健', kana: 'タカハシ ケン', birthDate: '1985-11-02', sex: 'male' },
  { id: id(5), office: 'CFS-NERIMA', kind: 'child', kanji: '高橋 蓮', kana: 'タカハシ レン', birthDate: '2017-09-02', sex: 'male' },
  { id: id(6), office: 'CFS-NERIMA', kind: 'guardian', kanji: '鈴木 真由美', kana: 'スズキ マユミ', birthDate: '1993-07-21', sex: 'female' },
  { id: id(7), office: 'CFS-NERIMA', kind: 'child', kanji: '鈴木 葵', kana: 'スズキ アオイ', birthDate: '2020-11-30', sex: 'female' },
  { id: id(8), office: 'CFS-NUKUI', kind: 'guardian', kanji: '伊藤 さくら', kana: 'イトウ サクラ', birthDate: '1996-04-03', sex: 'female', address: '練馬区貫井（架空）4-5-6' },
  { id: id(9), office: 'CFS-NUKUI', kind: 'child', kanji: '伊藤 湊', kana: 'イトウ ミナト', birthDate: '2021-06-06', sex: 'male', address: '練馬区貫井（架空）4-5-6' },
];

interface DemoCase {
  id: string;
  office: string;
  label: string;
  supportLevel: 'general' | 'support_required' | 'protection_required';
  abuseTypes: string[];
  lead: string;
  coWorkers: string[];
  restricted: boolean;
  openedDaysAgo: number;
  nextReviewInDays: number;
  members: Array<[string, string]>;
  notes: Array<{ id: string; daysAgo: number; hour: number; type: string; author: string; text: string }>;
}

const CASES: DemoCase[] = [
  {
    id: id(101),
    office: 'CFS-NERIMA',
    label: '佐藤 世帯',
    supportLevel: 'support_required',
    abuseTypes: [],
    lead: 'consultant1',
    coWorkers: [],
    restricted: false,
    openedDaysAgo: 120,
    nextReviewInDays: 30,
    members: [
      [id(1), 'mother'],
      [id(2), 'child'],
      [id(3), 'child'],
    ],
    notes: [
      { id: id(201), daysAgo: 120, hour: 10, type: 'office_interview', author: 'consultant1', text: '母来所。第2子出産後から育児疲れが強く、夜間眠れないとの訴え。実家の支援なし。' },
      { id: id(202), daysAgo: 90, hour: 14, type: 'home_visit', author: 'consultant1', text: '家庭訪問。室内は片付いている。陽太くんは保育園に通園中、表情明るい。' },
      { id: id(203), daysAgo: 20, hour: 11, type: 'phone', author: 'consultant1', text: '母より電話。ショートステイの利用について相談あり。制度を説明。' },
    ],
  },
  {
    id: id(102),
    office: 'CFS-NERIMA',
    label: '高橋 世帯',
    supportLevel: 'protection_required',
    abuseTypes: ['physical'],
    lead: 'consultant1',
    coWorkers: ['supervisor1'],
    restricted: false,
    openedDaysAgo: 10,
    nextReviewInDays: 45,
    members: [
      [id(4), 'father'],
      [id(5), 'child'],
    ],
    notes: [{ id: id(204), daysAgo: 9, hour: 16, type: 'home_visit', author: 'consultant1', text: '学校からの通告を受け家庭訪問。本児と面会、左頬のあざを確認。父は「転んだ」と説明。' }],
  },
  {
    id: id(103),
    office: 'CFS-NERIMA',
    label: '鈴木 世帯',
    supportLevel: 'protection_required',
    abuseTypes: ['psychological'],
    lead: 'supervisor1',
    coWorkers: [],
    restricted: true,
    openedDaysAgo: 60,
    nextReviewInDays: 25,
    members: [
      [id(6), 'mother'],
      [id(7), 'child'],
    ],
    notes: [{ id: id(205), daysAgo: 60, hour: 9, type: 'office_interview', author: 'supervisor1', text: '母子で来所。元夫からのDVにより転居。加害者が所在を探しているため閲覧制限とする。' }],
  },
  {
    id: id(104),
    office: 'CFS-NUKUI',
    label: '伊藤 世帯',
    supportLevel: 'support_required',
    abuseTypes: ['neglect'],
    lead: 'consultant2',
    coWorkers: [],
    restricted: false,
    openedDaysAgo: 40,
    nextReviewInDays: 50,
    members: [
      [id(8), 'mother'],
      [id(9), 'child'],
    ],
    notes: [{ id: id(206), daysAgo: 37, hour: 15, type: 'home_visit', author: 'consultant2', text: '近隣からの通告により訪問。本児の衣類の汚れが目立つ。母は就労で多忙、支援を受け入れる意向。' }],
  },
];

interface DemoReport {
  id: string;
  caseId: string;
  child: string;
  daysAgo: number;
  source: string;
  sourceDetail: string;
  abuseTypes: string[];
  urgency: 'a' | 'b' | 'c';
  summary: string;
  confirmedAfterHours: number;
  confirmation: { id: string; by: string; method: string; place: string; notes: string };
}

const REPORTS: DemoReport[] = [
  {
    id: id(301),
    caseId: id(102),
    child: id(5),
    daysAgo: 10,
    source: 'school',
    sourceDetail: '区立小学校（架空） 教頭',
    abuseTypes: ['physical'],
    urgency: 'a',
    summary: '本児の左頬にあざ。本人は「転んだ」と話すが、同様のあざは今学期2回目。',
    confirmedAfterHours: 20,
    confirmation: { id: id(401), by: 'consultant1', method: 'home_visit', place: '自宅', notes: '本児と面会。あざは消えかけ。父に今後の見守りを説明。' },
  },
  {
    id: id(302),
    caseId: id(104),
    child: id(9),
    daysAgo: 40,
    source: 'neighbour',
    sourceDetail: '近隣住民（匿名希望）',
    abuseTypes: ['neglect'],
    urgency: 'b',
    summary: '夜遅くまで子どもが一人で外にいることが多い、との近隣からの連絡。',
    confirmedAfterHours: 54,
    confirmation: { id: id(402), by: 'consultant2', method: 'nursery_or_school', place: '保育園', notes: '保育園で本児と面会。体重の増加は順調。' },
  },
];

export async function seedDemoCases(manager: EntityManager): Promise<void> {
  const offices = new Map<string, string>((await manager.query(`SELECT code, id FROM offices`)).map((o: { code: string; id: string }) => [o.code, o.id]));
  const users = new Map<string, string>((await manager.query(`SELECT login_id, id FROM users`)).map((u: { login_id: string; id: string }) => [u.login_id, u.id]));
  const today = todayInJapan();

  for (const p of PERSONS) {
    await manager.query(
      `INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [p.id, offices.get(p.office), p.kind, p.kanji, p.kana, normalizeKanji(p.kanji), normalizeKana(p.kana), p.birthDate, p.sex, p.address ?? null],
    );
  }

  for (const c of CASES) {
    const exists: unknown[] = await manager.query(`SELECT 1 FROM cases WHERE id = $1`, [c.id]);
    if (exists.length > 0) continue;
    const officeId = offices.get(c.office)!;
    const openedOn = addDays(today, -c.openedDaysAgo);
    const nextReviewOn = addDays(today, c.nextReviewInDays);
    const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, officeId, openedOn);
    await manager.query(
      `INSERT INTO cases (id, office_id, case_number, fiscal_year, label, support_level, abuse_types, lead_worker_id, restricted, opened_on, next_review_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::abuse_type[], $8, $9, $10, $11, $8)`,
      [c.id, officeId, caseNumber, fiscalYear, c.label, c.supportLevel, c.abuseTypes, users.get(c.lead), c.restricted, openedOn, nextReviewOn],
    );
    for (const [personId, relationship] of c.members) await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3)`, [c.id, personId, relationship]);
    for (const login of c.coWorkers) await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2)`, [c.id, users.get(login)]);
    await manager.query(`INSERT INTO case_events (case_id, kind, occurred_at, actor_id, actor_office_id, details) VALUES ($1, 'opened', $2, $3, $4, $5)`, [
      c.id,
      japanDateTime(openedOn, 9),
      users.get(c.lead),
      officeId,
      JSON.stringify({ caseNumber, supportLevel: c.supportLevel }),
    ]);
    if (c.restricted) {
      await manager.query(`INSERT INTO case_events (case_id, kind, occurred_at, actor_id, actor_office_id, reason) VALUES ($1, 'restricted', $2, $3, $4, $5)`, [
        c.id,
        japanDateTime(openedOn, 10),
        users.get('supervisor1'),
        officeId,
        'DV加害者が所在を探しているため',
      ]);
    }
    for (const n of c.notes) {
      await manager.query(`INSERT INTO case_notes (id, case_id, occurred_at, author_id, contact_type, text) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`, [
        n.id,
        c.id,
        japanDateTime(addDays(today, -n.daysAgo), n.hour),
        users.get(n.author),
        n.type,
        n.text,
      ]);
    }
    await scheduleReviewReminder(manager, progressReviewReminder({ id: c.id, officeId, nextReviewOn }));
  }

  for (const r of REPORTS) {
    const exists: unknown[] = await manager.query(`SELECT 1 FROM child_abuse_reports WHERE id = $1`, [r.id]);
    if (exists.length > 0) continue;
    const [c]: Array<{ office_id: string; lead_worker_id: string }> = await manager.query(`SELECT office_id, lead_worker_id FROM cases WHERE id = $1`, [r.caseId]);
    const receivedAt = japanDateTime(addDays(today, -r.daysAgo), 15);
    const confirmedAt = new Date(receivedAt.getTime() + r.confirmedAfterHours * 3_600_000);
    const met = confirmedAt.getTime() <= safetyDueAt(receivedAt).getTime();
    await manager.query(
      `INSERT INTO child_abuse_reports (id, office_id, case_id, received_at, received_by, source, source_detail, abuse_types, urgency, summary, status, safety_due_at, safety_confirmed_at, rule48_result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::abuse_type[], $9, $10, 'safety_confirmed', $11, $12, $13)`,
      [r.id, c.office_id, r.caseId, receivedAt, c.lead_worker_id, r.source, r.sourceDetail, r.abuseTypes, r.urgency, r.summary, safetyDueAt(receivedAt), confirmedAt, met ? 'met' : 'missed'],
    );
    await manager.query(
      `INSERT INTO safety_confirmations (id, report_id, confirmed_at, method, seen_by_user_id, place, notes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $5)`,
      [r.confirmation.id, r.id, confirmedAt, r.confirmation.method, users.get(r.confirmation.by), r.confirmation.place, r.confirmation.notes],
    );
    await manager.query(`INSERT INTO child_abuse_report_children (report_id, person_id, seen_at, safety_confirmation_id) VALUES ($1, $2, $3, $4)`, [r.id, r.child, confirmedAt, r.confirmation.id]);
  }
}

/**
 * The seed runs without the application (no queue connection), so it writes
 * the reminder rows the engine's `schedule` would write; the worker's
 * reconciler enqueues them when they come due (the database is the source of
 * truth). Existing rows are left alone.
 */
async function scheduleReviewReminder(manager: EntityManager, r: ReturnType<typeof progressReviewReminder>): Promise<void> {
  const [due]: Array<{ id: string }> = await manager.query(
    `INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     VALUES ($1, 'due', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key, stage) DO NOTHING RETURNING id`,
    [r.key, r.rule, r.subjectType, r.subjectId, r.officeId, r.title, r.dueAt, JSON.stringify(r.recipients)],
  );
  if (!due || !r.escalation) return;
  await manager.query(
    `INSERT INTO reminders (key, stage, parent_id, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     VALUES ($1, 'escalation', $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key, stage) DO NOTHING`,
    [r.key, due.id, r.rule, r.subjectType, r.subjectId, r.officeId, r.escalation.title ?? r.title, r.escalation.at, JSON.stringify(r.escalation.recipients)],
  );
}

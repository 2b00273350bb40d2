import { EntityManager } from 'typeorm';
import { addDays, addMonths, todayInJapan } from '../src/common/time/japan-time';
import { allocateCaseNumber } from '../src/modules/cases/case-number.allocator';
import { normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';

/**
 * Demo data of 児童相談センターとの連携 (fictitious families): at 練馬 a
 * referral waiting for review and one sent to the centre, a 事案送致 not yet
 * assigned and a joint case conference attended by the centre's staff; at
 * 貫井 a draft referral and a 指導措置委託 in progress with a reviewed
 * progress report waiting to be sent. Keyed by fixed ids: running it again
 * changes nothing. Reminders are not seeded; they start when the records move.
 */
const ID = (n: number) => `d8a0e000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface DemoPerson {
  id: string;
  kind: 'child' | 'guardian';
  nameKanji: string;
  nameKana: string;
  birthDate: string;
  sex: 'female' | 'male';
  relationship: 'child' | 'mother' | 'father';
  address: string;
}

interface DemoCase {
  id: string;
  officeCode: string;
  lead: string;
  label: string;
  supportLevel: 'support_required' | 'protection_required';
  abuseTypes: string[];
  openedOn: string;
  members: DemoPerson[];
}

export async function seedDemoReferrals(manager: EntityManager): Promise<void> {
  const today = todayInJapan();
  const office = await lookup(manager, `SELECT code AS key, id FROM offices`);
  const user = await lookup(manager, `SELECT login_id AS key, id FROM users`);

  const kitamachi: DemoCase = {
    id: ID(1),
    officeCode: 'CFS-NERIMA',
    lead: 'consultant1',
    label: '北町 世帯',
    supportLevel: 'protection_required',
    abuseTypes: ['physical'],
    openedOn: addDays(today, -120),
    members: [
      { id: ID(11), kind: 'child', nameKanji: '北町 ひかり', nameKana: 'キタマチ ヒカリ', birthDate: '2018-03-10', sex: 'female', relationship: 'child', address: '練馬区北町9-99-9' },
      { id: ID(12), kind: 'guardian', nameKanji: '北町 真由美', nameKana: 'キタマチ マユミ', birthDate: '1988-07-22', sex: 'female', relationship: 'mother', address: '練馬区北町9-99-9' },
    ],
  };
  const toyotama: DemoCase = {
    id: ID(2),
    officeCode: 'CFS-NERIMA',
    lead: 'consultant1',
    label: '豊玉 世帯',
    supportLevel: 'protection_required',
    abuseTypes: ['neglect'],
    openedOn: addDays(today, -200),
    members: [
      { id: ID(21), kind: 'child', nameKanji: '豊玉 蓮', nameKana: 'トヨタマ レン', birthDate: '2020-11-02', sex: 'male', relationship: 'child', address: '練馬区豊玉南9-9-99' },
      { id: ID(22), kind: 'guardian', nameKanji: '豊玉 健一', nameKana: 'トヨタマ ケンイチ', birthDate: '1985-01-30', sex: 'male', relationship: 'father', address: '練馬区豊玉南9-9-99' },
    ],
  };
  const nukui: DemoCase = {
    id: ID(3),
    officeCode: 'CFS-NUKUI',
    lead: 'consultant2',
    label: '貫井 世帯',
    supportLevel: 'support_required',
    abuseTypes: ['psychological'],
    openedOn: addDays(today, -150),
    members: [
      { id: ID(31), kind: 'child', nameKanji: '貫井 陽菜', nameKana: 'ヌクイ ヒナ', birthDate: '2019-05-18', sex: 'female', relationship: 'child', address: '練馬区貫井9-9-9' },
      { id: ID(32), kind: 'guardian', nameKanji: '貫井 美和', nameKana: 'ヌクイ ミワ', birthDate: '1990-09-09', sex: 'female', relationship: 'mother', address: '練馬区貫井9-9-9' },
    ],
  };
  for (const demoCase of [kitamachi, toyotama, nukui]) await ensureCase(manager, demoCase, office, user);

  // 練馬: an urgent (A) referral waiting for the supervisor's review.
  await ensureReferral(manager, {
    id: ID(101),
    demoCase: kitamachi,
    author: user.consultant1,
    state: 'submitted',
    urgency: 'a',
    reason: '本児の顔面・腕に複数のあざを確認。本児は「家に帰るのがこわい」と話している。母は受診を拒否している。',
    supportHistory: '保育園からの通告で受理。以後、見守り訪問を月2回実施。母は面接に応じるが、あざの説明が変わる。',
    riskSummary: '短期間に受傷を繰り返しており、再発のおそれが高い。',
    latestAssessment: '東京都共通リスクアセスメントシートで「重度」。在宅での安全確保は困難と判断。',
    requestedMeasures: ['temporary_protection'],
    requestDetails: '一時保護の検討と、医学診断をお願いしたい。',
    submittedDaysAgo: 1,
    events: [
      ['create', null, 'draft', 'consultant1', 3],
      ['submit', 'draft', 'submitted', 'consultant1', 1],
    ],
    user,
  });
  // 練馬: approved and sent, waiting for the centre's answer.
  await ensureReferral(manager, {
    id: ID(102),
    demoCase: toyotama,
    author: user.consultant1,
    state: 'sent',
    urgency: 'b',
    reason: '食事・入浴が十分でない状態が続き、在宅支援での改善が見られない。',
    supportHistory: 'ヘルパー派遣と見守り訪問を半年継続。保育園の欠席が増えている。',
    riskSummary: '慢性的なネグレクト。生命の危険は差し迫っていないが長期化している。',
    latestAssessment: 'リスクアセスメントで「中度」。児童相談センターによる判定が適当と判断。',
    requestedMeasures: ['assessment', 'guidance'],
    requestDetails: '心理判定と、児童福祉司指導の検討をお願いしたい。',
    submittedDaysAgo: 10,
    approvedBy: user.supervisor1,
    approvedDaysAgo: 8,
    sentOn: addDays(today, -5),
    events: [
      ['create', null, 'draft', 'consultant1', 12],
      ['submit', 'draft', 'submitted', 'consultant1', 10],
      ['approve', 'submitted', 'approved', 'supervisor1', 8],
      ['send', 'approved', 'sent', 'liaison', 5],
    ],
    user,
  });
  // 貫井: a draft being written.
  await ensureReferral(manager, {
    id: ID(103),
    demoCase: nukui,
    author: user.consultant2,
    state: 'draft',
    urgency: 'c',
    reason: '面前での夫婦間暴力が続いている。',
    supportHistory: null,
    riskSummary: null,
    latestAssessment: null,
    requestedMeasures: [],
    requestDetails: null,
    events: [['create', null, 'draft', 'consultant2', 0]],
    user,
  });

  // 練馬: a 事案送致 received by the liaison, for the office to assign.
  const transferId = ID(201);
  const [transfer] = await manager.query(
    `INSERT INTO centre_requests (id, kind, state, centre_name, centre_case_number, centre_contact, received_on, reason, conditions, office_id, recorded_by)
     VALUES ($1, 'case_transfer', 'received', '東京都児童相談センター', '児セ8-9001', '児童福祉司 佐藤', $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [transferId, addDays(today, -2), '面前DV（心理的虐待）の通告。警察からの通告を受け調査済み。在宅での見守りと母への支援を区に依頼する。', '母子の安全確認を月1回以上', office['CFS-NERIMA'], user.liaison],
  );
  if (transfer) {
    await manager.query(`INSERT INTO centre_request_children (request_id, position, name_kanji, name_kana, birth_date, sex) VALUES ($1, 0, '早宮 結衣', 'ハヤミヤ ユイ', '2017-12-01', 'female')`, [transferId]);
    await requestEvent(manager, transferId, null, 'record', null, 'received', user.liaison, 2);
  }

  // 貫井: a 指導措置委託 in progress on the 貫井 case, its first report reviewed and waiting to be sent.
  const guidanceId = ID(202);
  const measureStartOn = addMonths(today, -3);
  const [guidance] = await manager.query(
    `INSERT INTO centre_requests (id, kind, state, centre_name, centre_case_number, centre_contact, received_on, measure_start_on, reason, conditions,
                                  reporting_interval_months, office_id, recorded_by, lead_worker_id, case_id, assigned_at, started_at, next_report_due_on)
     VALUES ($1, 'entrusted_guidance', 'in_progress', '東京都児童相談センター', '児セ8-9002', '児童福祉司 田中', $2, $2, $3, $4, 3, $5, $6, $7, $8,
             now() - interval '85 days', now() - interval '84 days', $9)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [guidanceId, measureStartOn, '面前DVによる心理的虐待。父は別居。母子への継続的な指導を区に委託する。', '3か月ごとに経過報告', office['CFS-NUKUI'], user.liaison, user.consultant2, nukui.id, addMonths(measureStartOn, 6)],
  );
  if (guidance) {
    await manager.query(
      `INSERT INTO centre_request_children (request_id, position, name_kanji, name_kana, birth_date, sex, person_id) VALUES ($1, 0, '貫井 陽菜', 'ヌクイ ヒナ', '2019-05-18', 'female', $2)`,
      [guidanceId, ID(31)],
    );
    const reportId = ID(301);
    await manager.query(
      `INSERT INTO guidance_progress_reports (id, request_id, sequence, due_on, period_from, period_to, state, child_status, family_status, support_provided, assessment, plan,
                                              author_id, submitted_at, reviewed_by, reviewed_at, review_comment)
       VALUES ($1, $2, 1, $3, $4, $5, 'approved', '登園は安定。表情も明るくなっている。', '父との接触はない。母は就労を始めた。', '月1回の家庭訪問、保育園での面談。',
               '安全は保たれている。母の負担感が強い。', '訪問を継続し、ショートステイの利用を提案する。', $6, now() - interval '3 days', $7, now() - interval '1 day', '確認しました。')`,
      [reportId, guidanceId, addMonths(measureStartOn, 3), measureStartOn, addDays(today, -4), user.consultant2, user.supervisor2],
    );
    await requestEvent(manager, guidanceId, null, 'record', null, 'received', user.liaison, 90);
    await requestEvent(manager, guidanceId, null, 'assign', 'received', 'assigned', user.supervisor2, 85);
    await requestEvent(manager, guidanceId, null, 'start', 'assigned', 'in_progress', user.consultant2, 84);
    await requestEvent(manager, guidanceId, reportId, 'report_create', null, 'draft', user.consultant2, 4);
    await requestEvent(manager, guidanceId, reportId, 'report_submit', 'draft', 'submitted', user.consultant2, 3);
    await requestEvent(manager, guidanceId, reportId, 'report_approve', 'submitted', 'approved', user.supervisor2, 1);
  }

  // 練馬: an individual case conference with the centre's staff, and one open follow-up.
  const conferenceId = ID(401);
  const [conference] = await manager.query(
    `INSERT INTO case_conferences (id, office_id, type, held_on, start_time, location, summary, created_by)
     VALUES ($1, $2, 'individual_case', $3, '14:00', '練馬子ども家庭支援センター 会議室', '児童相談センターと役割分担を確認。区は見守り訪問、児相は心理面接を担う。', $4)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [conferenceId, office['CFS-NERIMA'], addDays(today, -7), user.consultant1],
  );
  if (conference) {
    await manager.query(`INSERT INTO case_conference_cases (conference_id, case_id, position, decision) VALUES ($1, $2, 0, '在宅支援を継続。送致の準備を進める。')`, [conferenceId, kitamachi.id]);
    const attendees: Array<[string | null, string, string, string, string | null]> = [
      [user.consultant1, '相談 陽菜', '練馬子ども家庭支援センター', 'ward_office', null],
      [user.supervisor1, '係長 早苗', '練馬子ども家庭支援センター', 'ward_office', null],
      [null, '佐藤 健', '東京都児童相談センター', 'child_guidance_centre', '児童福祉司'],
      [null, '森 由紀', '北町保育園', 'nursery', '園長'],
    ];
    for (const [position, [userId, name, organisation, kind, title]] of attendees.entries()) {
      await manager.query(
        `INSERT INTO case_conference_attendees (conference_id, position, user_id, name, organisation, organisation_kind, title) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [conferenceId, position, userId, name, organisation, kind, title],
      );
    }
    await manager.query(
      `INSERT INTO case_conference_actions (id, conference_id, case_id, description, owner_id, due_on) VALUES ($1, $2, $3, '保育園に登園状況と身体の様子を確認し、共有する', $4, $5)`,
      [ID(402), conferenceId, kitamachi.id, user.consultant1, addDays(today, 7)],
    );
  }
}

async function lookup(manager: EntityManager, sql: string): Promise<Record<string, string>> {
  const rows: Array<{ key: string; id: string }> = await manager.query(sql);
  return Object.fromEntries(rows.map((r) => [r.key, r.id]));
}

async function ensureCase(manager: EntityManager, c: DemoCase, office: Record<string, string>, user: Record<string, string>): Promise<void> {
  const existing: unknown[] = await manager.query(`SELECT 1 FROM cases WHERE id = $1`, [c.id]);
  if (existing.length) return;
  const officeId = office[c.officeCode];
  const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, officeId, c.openedOn);
  await manager.query(
    `INSERT INTO cases (id, office_id, case_number, fiscal_year, label, support_level, abuse_types, lead_worker_id, opened_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::abuse_type[], $8, $9, $8)`,
    [c.id, officeId, caseNumber, fiscalYear, c.label, c.supportLevel, c.abuseTypes, user[c.lead], c.openedOn],
  );
  for (const p of c.members) {
    await manager.query(
      `INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, address, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
      [p.id, officeId, p.kind, p.nameKanji, p.nameKana, normalizeKanji(p.nameKanji), normalizeKana(p.nameKana), p.birthDate, p.sex, p.address, user[c.lead]],
    );
    await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [c.id, p.id, p.relationship]);
  }
}

interface DemoReferral {
  id: string;
  demoCase: DemoCase;
  author: string;
  state: 'draft' | 'submitted' | 'sent';
  urgency: 'aa' | 'a' | 'b' | 'c';
  reason: string;
  supportHistory: string | null;
  riskSummary: string | null;
  latestAssessment: string | null;
  requestedMeasures: string[];
  requestDetails: string | null;
  submittedDaysAgo?: number;
  approvedBy?: string;
  approvedDaysAgo?: number;
  sentOn?: string;
  /** action, from, to, actor login, days ago */
  events: Array<[string, string | null, string, string, number]>;
  user: Record<string, string>;
}

async function ensureReferral(manager: EntityManager, r: DemoReferral): Promise<void> {
  const ago = (days: number | undefined) => (days === undefined ? null : new Date(Date.now() - days * 86_400_000));
  const submittedAt = ago(r.submittedDaysAgo);
  const sent = r.state === 'sent';
  const [inserted] = await manager.query(
    `INSERT INTO referrals (id, case_id, office_id, author_id, state, urgency, legal_basis, requested_measures, reason, support_history, risk_summary,
                            latest_assessment, latest_assessment_on, request_details, attachments, submission_count, first_submitted_at, submitted_at,
                            approved_by, approved_at, sent_on, send_method, centre_name, centre_contact, sent_by)
     SELECT $1, $2, c.office_id, $3, $4, $5, $6, $7::referral_requested_measure[], $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $16, $17, $18, $19, $20, $21, $22, $23
       FROM cases c WHERE c.id = $2
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      r.id,
      r.demoCase.id,
      r.author,
      r.state,
      r.urgency,
      r.state === 'draft' ? null : 'measures',
      r.requestedMeasures,
      r.reason,
      r.supportHistory,
      r.riskSummary,
      r.latestAssessment,
      r.latestAssessment ? addDays(todayInJapan(), -(r.submittedDaysAgo ?? 0) - 2) : null,
      r.requestDetails,
      JSON.stringify(r.state === 'draft' ? [] : [{ title: 'リスクアセスメントシート', note: '写し1部' }, { title: '経過記録（抜粋）' }]),
      submittedAt ? 1 : 0,
      submittedAt,
      r.approvedBy ?? null,
      ago(r.approvedDaysAgo),
      r.sentOn ?? null,
      sent ? 'hand_delivery' : null,
      sent ? '東京都児童相談センター' : null,
      sent ? '相談援助課 児童福祉司 田中' : null,
      sent ? r.user.liaison : null,
    ],
  );
  if (!inserted) return;
  for (const [position, p] of r.demoCase.members.entries()) {
    await manager.query(
      `INSERT INTO referral_persons (referral_id, person_id, role, position, relationship, name_kanji, name_kana, birth_date, sex, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [r.id, p.id, p.kind === 'child' ? 'child' : 'guardian', position, p.relationship, p.nameKanji, p.nameKana, p.birthDate, p.sex, p.address],
    );
  }
  for (const [action, from, to, actor, daysAgo] of r.events) {
    await manager.query(`INSERT INTO referral_events (referral_id, action, from_state, to_state, actor_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      r.id,
      action,
      from,
      to,
      r.user[actor],
      ago(daysAgo),
    ]);
  }
}

async function requestEvent(manager: EntityManager, requestId: string, reportId: string | null, action: string, from: string | null, to: string, actorId: string, daysAgo: number): Promise<void> {
  await manager.query(
    `INSERT INTO centre_request_events (request_id, progress_report_id, action, from_state, to_state, actor_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [requestId, reportId, action, from, to, actorId, new Date(Date.now() - daysAgo * 86_400_000)],
  );
}

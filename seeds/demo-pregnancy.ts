import { EntityManager } from 'typeorm';
import { addDays, addMonths, ageOn, todayInJapan } from '../src/common/time/japan-time';
import { allocateCaseNumber } from '../src/modules/cases/case-number.allocator';
import { normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';
import { weeksOn } from '../src/modules/pregnancy-notifications/pregnancy-dates';
import { PregnancyReminders } from '../src/modules/pregnancy-notifications/pregnancy-reminders';
import { EffectiveSettings } from '../src/modules/pregnancy-notifications/pregnancy-settings.service';
import { RemindersService, ScheduleReminder } from '../src/modules/reminders/reminders.service';
import { screenSupportNeed, ScreeningAnswers } from '../src/modules/pregnancy-interviews/support-need.rule';
import { HousingType, InsuranceType, PartnerSituation, PregnancyFeeling, SubstanceUse, SupportPerson } from '../src/modules/pregnancy-interviews/pregnancy-interview.entity';

/**
 * Demo records of the pregnancy programme at 豊玉保健相談所 (nurse1 /
 * supervisor3): 妊娠届 waiting for an interview, one 連絡不通, interviews with
 * follow-ups, a 特定妊婦 handed to 練馬 (consultant1's centre) and one to 貫井
 * (consultant2's), and 産後ケア applications. All people are fictitious.
 * Keyed by fixed ids: a second run inserts nothing; dates are relative to the
 * day of the first run. The 保健相談所's reminders (no interview yet,
 * follow-ups) are written as rows for the worker's reconciler to deliver.
 */
const id = (kind: number, n: number) => `5e1f${String(kind).padStart(4, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PERSON = 1;
const NOTIFICATION = 2;
const INTERVIEW = 3;
const CASE = 4;
const APPLICATION = 5;

interface DemoMother {
  n: number;
  nameKanji: string;
  nameKana: string;
  birthDate: string;
  filedDaysAgo: number;
  weeks: number;
  birthOrder: 'first' | 'subsequent';
  medicalInstitution: string;
}

const MOTHERS: DemoMother[] = [
  { n: 1, nameKanji: '桜台 美咲', nameKana: 'サクラダイ ミサキ', birthDate: '1996-07-14', filedDaysAgo: 3, weeks: 9, birthOrder: 'first', medicalInstitution: '練馬総合病院' },
  { n: 2, nameKanji: '豊玉 恵', nameKana: 'トヨタマ メグミ', birthDate: '1991-11-02', filedDaysAgo: 18, weeks: 11, birthOrder: 'subsequent', medicalInstitution: '豊玉レディースクリニック' },
  { n: 3, nameKanji: '中村 遥', nameKana: 'ナカムラ ハルカ', birthDate: '1993-04-21', filedDaysAgo: 10, weeks: 8, birthOrder: 'first', medicalInstitution: '練馬総合病院' },
  { n: 4, nameKanji: '氷川 彩', nameKana: 'ヒカワ アヤ', birthDate: '2000-01-30', filedDaysAgo: 35, weeks: 12, birthOrder: 'first', medicalInstitution: '江古田産婦人科' },
  { n: 5, nameKanji: '羽沢 由美', nameKana: 'ハザワ ユミ', birthDate: '2008-06-09', filedDaysAgo: 20, weeks: 14, birthOrder: 'first', medicalInstitution: '練馬総合病院' },
  { n: 6, nameKanji: '栄町 真理子', nameKana: 'サカエチョウ マリコ', birthDate: '1989-05-05', filedDaysAgo: 25, weeks: 10, birthOrder: 'subsequent', medicalInstitution: '豊玉レディースクリニック' },
];

const CALM: ScreeningAnswers = {
  partnerSituation: PartnerSituation.Married,
  supportPersons: [SupportPerson.Partner, SupportPerson.OwnParents],
  pastIllness: false,
  mentalIllnessHistory: false,
  insomnia: false,
  lowMood: false,
  lossOfInterest: false,
  strongAnxiety: false,
  smoking: SubstanceUse.Never,
  drinking: SubstanceUse.Never,
  publicAssistance: false,
  insuranceType: InsuranceType.Employee,
  economicWorry: false,
  housingType: HousingType.Rented,
  planningToMove: false,
  domesticViolence: false,
  priorChildProtection: false,
  noPrenatalCheckups: false,
  pregnancyFeeling: PregnancyFeeling.Happy,
};

export async function seedPregnancyDemo(manager: EntityManager): Promise<void> {
  const exists = await manager.query(`SELECT 1 FROM pregnancy_notifications WHERE id = $1`, [id(NOTIFICATION, 1)]);
  if (exists.length > 0) return;
  const office = async (code: string) => ((await manager.query(`SELECT id FROM offices WHERE code = $1`, [code])) as Array<{ id: string }>)[0]?.id;
  const user = async (login: string) => ((await manager.query(`SELECT id FROM users WHERE login_id = $1`, [login])) as Array<{ id: string }>)[0]?.id;
  // One query at a time: the transaction's connection runs them in order anyway.
  const toyotama = await office('HC-TOYOTAMA');
  const nerima = await office('CFS-NERIMA');
  const nukui = await office('CFS-NUKUI');
  const nurse1 = await user('nurse1');
  const supervisor3 = await user('supervisor3');
  if (!toyotama || !nerima || !nukui || !nurse1 || !supervisor3) return;
  const today = todayInJapan();

  const notification: Record<number, { filedOn: string; dueDate: string }> = {};
  for (const m of MOTHERS) {
    await manager.query(
      `INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, created_by)
       VALUES ($1, $2, 'expectant_mother', $3, $4, $5, $6, $7, 'female', $8)`,
      [id(PERSON, m.n), toyotama, m.nameKanji, m.nameKana, normalizeKanji(m.nameKanji), normalizeKana(m.nameKana), m.birthDate, nurse1],
    );
    const filedOn = addDays(today, -m.filedDaysAgo);
    const dueDate = addDays(filedOn, 280 - 7 * m.weeks - 2);
    notification[m.n] = { filedOn, dueDate };
    await manager.query(
      `INSERT INTO pregnancy_notifications (id, office_id, mother_id, filed_on, weeks_at_filing, due_date, medical_institution, birth_order, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id(NOTIFICATION, m.n), toyotama, id(PERSON, m.n), filedOn, m.weeks, dueDate, m.medicalInstitution, m.birthOrder, nurse1],
    );
    await history(manager, m.n, 'filed', 'filed', 'none', nurse1);
  }

  // 2: two unanswered calls, still waiting. 4: three failures → 連絡不通.
  for (const [n, results] of [
    [2, ['no_answer', 'message_left']],
    [4, ['no_answer', 'message_left', 'number_unavailable']],
  ] as const) {
    for (const [i, result] of results.entries()) {
      await manager.query(`INSERT INTO pregnancy_contact_attempts (notification_id, attempted_on, method, result, recorded_by) VALUES ($1, $2, 'phone', $3, $4)`, [
        id(NOTIFICATION, n),
        addDays(notification[n].filedOn, 7 + i * 3),
        result,
        nurse1,
      ]);
    }
  }
  await manager.query(`UPDATE pregnancy_notifications SET status = 'unreachable', unreachable_since = now() WHERE id = $1`, [id(NOTIFICATION, 4)]);
  await history(manager, 4, 'marked_unreachable', 'unreachable', 'none', nurse1);

  const followUps: Record<number, string> = { 3: addDays(today, 4), 5: addDays(today, 2), 6: addDays(today, 7) };
  // 3: an ordinary interview with a follow-up call planned.
  await interview(manager, 3, notification[3], nurse1, { ...CALM, insomnia: true }, 0, {
    supportPlan: '睡眠について保健指導。両親学級を案内。2週間後に電話で様子を確認。',
    followUpOn: followUps[3],
    wishes: '両親学級に夫と参加したい',
    requestedServices: ['parenting_class'],
  });
  // 5 and 6: 特定妊婦 candidates, confirmed and handed to 練馬 and to 貫井.
  await interview(manager, 5, notification[5], nurse1, { ...CALM, pregnancyFeeling: PregnancyFeeling.Unwanted, partnerSituation: PartnerSituation.NoPartner, supportPersons: [], economicWorry: true }, 1, {
    supportPlan: '未成年・パートナー不在。子ども家庭支援センターと連携し、妊娠期から継続支援。',
    followUpOn: followUps[5],
    requestedServices: ['financial_consultation', 'postpartum_care'],
  });
  await interview(manager, 6, notification[6], nurse1, { ...CALM, domesticViolence: true, planningToMove: true }, 2, {
    supportPlan: 'DVの訴えあり。安全確認のうえ子ども家庭支援センターへつなぐ。',
    followUpOn: followUps[6],
    requestedServices: ['mental_health_consultation'],
  });
  await confirmSpecified(manager, 5, nerima, toyotama, supervisor3, '10代・望まない妊娠・支援者なし', today);
  await confirmSpecified(manager, 6, nukui, toyotama, supervisor3, 'DV・転居予定（上の子は貫井地区の保育園）', today);

  const reminders = new PregnancyReminders(new SeedReminderRows() as unknown as RemindersService);
  const [settings] = (await manager.query(
    `SELECT interview_reminder_days AS "interviewReminderDays", interview_escalation_days AS "interviewEscalationDays" FROM pregnancy_settings WHERE office_id IS NULL`,
  )) as EffectiveSettings[];
  for (const n of [1, 2, 4]) await reminders.scheduleInterviewOverdue(manager, { id: id(NOTIFICATION, n), officeId: toyotama, filedOn: notification[n].filedOn }, settings);
  for (const [n, followUpOn] of Object.entries(followUps)) {
    await reminders.scheduleFollowUp(manager, { id: id(INTERVIEW, Number(n)), consultantId: nurse1, followUpOn }, toyotama);
  }

  // 産後ケア: a mother who gave birth seven weeks ago, day care approved and partly used, and an overnight stay waiting for approval.
  await manager.query(
    `INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, created_by)
     VALUES ($1, $2, 'guardian', '小竹 千尋', 'コタケ チヒロ', '小竹千尋', 'コタケチヒロ', '1990-02-18', 'female', $3)`,
    [id(PERSON, 7), toyotama, nurse1],
  );
  const birth = addDays(today, -49);
  await manager.query(
    `INSERT INTO postpartum_care_applications (id, office_id, mother_id, service_type, baby_birth_date, applied_on, requested_sessions, provider_name, reason, status, approved_sessions, eligible_until, decided_by, decided_at, decision_note, created_by)
     VALUES ($1, $2, $3, 'day_care', $4, $5, 5, '豊玉助産院', '授乳がうまくいかず疲労が強い', 'approved', 4, $6, $7, now(), '4日承認', $8)`,
    [id(APPLICATION, 1), toyotama, id(PERSON, 7), birth, addDays(today, -20), addDays(addMonths(birth, 12), -1), supervisor3, nurse1],
  );
  await manager.query(`INSERT INTO postpartum_care_sessions (application_id, used_on, note, recorded_by) VALUES ($1, $2, '授乳指導', $3)`, [id(APPLICATION, 1), addDays(today, -12), nurse1]);
  await manager.query(
    `INSERT INTO postpartum_care_applications (id, office_id, mother_id, service_type, baby_birth_date, applied_on, requested_sessions, provider_name, reason, eligible_until, created_by)
     VALUES ($1, $2, $3, 'overnight_stay', $4, $5, 3, '豊玉助産院', '夜間の睡眠が取れない', $6, $7)`,
    [id(APPLICATION, 2), toyotama, id(PERSON, 7), birth, addDays(today, -1), addDays(addMonths(birth, 4), -1), nurse1],
  );
}

async function history(manager: EntityManager, n: number, action: string, status: string, specified: string, actor: string, note: string | null = null): Promise<void> {
  await manager.query(`INSERT INTO pregnancy_notification_history (notification_id, action, status, specified_status, note, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id(NOTIFICATION, n),
    action,
    status,
    specified,
    note,
    actor,
  ]);
}

async function interview(
  manager: EntityManager,
  n: number,
  dates: { filedOn: string; dueDate: string },
  consultant: string,
  answers: ScreeningAnswers,
  daysAfterFiling: number,
  extra: { supportPlan: string; followUpOn: string; wishes?: string; requestedServices: string[] },
): Promise<void> {
  const interviewedOn = addDays(dates.filedOn, daysAfterFiling);
  const mother = MOTHERS.find((m) => m.n === n) as DemoMother;
  const screening = screenSupportNeed(answers, { motherAgeOnInterview: ageOn(mother.birthDate, interviewedOn), weeksAtFiling: mother.weeks, multiplePregnancy: false });
  const a = answers;
  await manager.query(
    `INSERT INTO pregnancy_interviews (
       id, notification_id, office_id, consultant_id, interviewed_on, place, weeks_at_interview, partner_situation, support_persons,
       past_illness, mental_illness_history, insomnia, low_mood, loss_of_interest, strong_anxiety, smoking, drinking,
       public_assistance, insurance_type, economic_worry, housing_type, planning_to_move, domestic_violence, prior_child_protection,
       no_prenatal_checkups, pregnancy_feeling, requested_services, wishes, support_plan, follow_up_on, screened_need, screening_factors, support_need, created_by)
     VALUES ($1, $2, (SELECT office_id FROM pregnancy_notifications WHERE id = $2), $3, $4, 'counter', $5, $6, $7::pregnancy_support_person[], $8, $9, $10, $11, $12, $13,
             $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25::pregnancy_requested_service[], $26, $27, $28, $29, $30, $29, $3)`,
    [
      id(INTERVIEW, n), id(NOTIFICATION, n), consultant, interviewedOn, weeksOn(interviewedOn, dates.dueDate), a.partnerSituation, a.supportPersons,
      a.pastIllness, a.mentalIllnessHistory, a.insomnia, a.lowMood, a.lossOfInterest, a.strongAnxiety, a.smoking, a.drinking,
      a.publicAssistance, a.insuranceType, a.economicWorry, a.housingType, a.planningToMove, a.domesticViolence, a.priorChildProtection,
      a.noPrenatalCheckups, a.pregnancyFeeling, extra.requestedServices, extra.wishes ?? null, extra.supportPlan, extra.followUpOn, screening.need, screening.factors,
    ],
  );
  const candidate = screening.need === 'specified_expectant_mother_candidate';
  await manager.query(
    `UPDATE pregnancy_notifications SET status = 'interviewed', first_interviewed_on = $2, specified_status = $3, specified_interview_id = $4 WHERE id = $1`,
    [id(NOTIFICATION, n), interviewedOn, candidate ? 'candidate' : 'none', candidate ? id(INTERVIEW, n) : null],
  );
  await history(manager, n, 'interviewed', 'interviewed', 'none', consultant);
  if (candidate) await history(manager, n, 'specified_candidate', 'interviewed', 'candidate', consultant);
}

async function confirmSpecified(manager: EntityManager, n: number, centre: string, healthCenter: string, supervisor: string, reason: string, today: string): Promise<void> {
  const mother = MOTHERS.find((m) => m.n === n) as DemoMother;
  const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, centre, today);
  await manager.query(
    `INSERT INTO cases (id, office_id, case_number, fiscal_year, label, support_level, opened_on, created_by) VALUES ($1, $2, $3, $4, $5, 'specified_expectant_mother', $6, $7)`,
    [id(CASE, n), centre, caseNumber, fiscalYear, `${mother.nameKanji.split(' ')[0]} 世帯`, today, supervisor],
  );
  await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'expectant_mother')`, [id(CASE, n), id(PERSON, n)]);
  await manager.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'specified_expectant_mother')`, [id(CASE, n), healthCenter]);
  await manager.query(
    `UPDATE pregnancy_notifications SET specified_status = 'confirmed', case_id = $2, specified_decided_by = $3, specified_decided_at = now(), specified_decision_note = $4 WHERE id = $1`,
    [id(NOTIFICATION, n), id(CASE, n), supervisor, reason],
  );
  await history(manager, n, 'specified_confirmed', 'interviewed', 'confirmed', supervisor, reason);
}

/**
 * The seed runs without queues: it writes reminder rows as RemindersService
 * would (due stage, escalation pointing at it), and the worker's reconciler
 * enqueues them when they fall due — the database is the source of truth.
 */
class SeedReminderRows {
  async schedule(manager: EntityManager, r: ScheduleReminder): Promise<void> {
    const insert = async (stage: 'due' | 'escalation', parentId: string | null, title: string, dueAt: Date, urgent: boolean, recipients: ScheduleReminder['recipients']) =>
      ((await manager.query(
        `INSERT INTO reminders (key, stage, parent_id, rule, subject_type, subject_id, office_id, title, due_at, urgent, recipients)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [r.key, stage, parentId, r.rule, r.subjectType, r.subjectId, r.officeId, title, dueAt, urgent, JSON.stringify(recipients)],
      )) as Array<{ id: string }>)[0].id;
    const dueId = await insert('due', null, r.title, r.dueAt, r.urgent ?? false, r.recipients);
    if (r.escalation) await insert('escalation', dueId, r.escalation.title ?? r.title, r.escalation.at, r.escalation.urgent ?? r.urgent ?? false, r.escalation.recipients);
  }
}

import { EntityManager } from 'typeorm';
import { addDays, addMonths, daysBetween, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { sqlRows } from '../src/database/sql';
import { allocateCaseNumber } from '../src/modules/cases/case-number.allocator';
import { FacilityType } from '../src/modules/facilities/facility.entity';
import { normalizeKana, normalizeKanji } from '../src/modules/persons/name-normalizer';
import { policyInForceOn } from '../src/modules/short-stays/short-stay-assessment';
import { feeForStay } from '../src/modules/short-stays/short-stay-fee-rates';
import { bookNights, lockNights } from '../src/modules/short-stays/short-stay-ledger';
import { PlannedReminder, planStayReminders } from '../src/modules/short-stays/short-stay-reminder-plan';
import { HouseholdStatus, ShortStayStatus } from '../src/modules/short-stays/short-stay.enums';

/**
 * Demo short stays (fictitious): three short-stay facilities of the ward with
 * their profiles, and families of 練馬 and 貫井 with stays in several states,
 * dated around the day the seed first runs, with the reminders of the
 * approved ones. Idempotent: facilities are keyed by name, families by their
 * case label; a family that exists keeps its stays.
 */
const FACILITIES = [
  { key: 'home', name: 'みどり学園（児童養護施設・架空）', type: FacilityType.ChildrensHome, office: 'CFS-NERIMA', minAge: 2, maxAge: 17, beds: 2, phone: '03-0000-1101', notes: '受入 17時〜19時。送迎は保護者。' },
  { key: 'infant', name: 'ひかり乳児院（架空）', type: FacilityType.InfantHome, office: 'CFS-NERIMA', minAge: 0, maxAge: 2, beds: 1, phone: '03-0000-1102', notes: null },
  { key: 'foster', name: '協力家庭 さくら（貫井地区・架空）', type: FacilityType.FosterHome, office: 'CFS-NUKUI', minAge: 2, maxAge: 12, beds: 1, phone: null, notes: '平日のみ受入。' },
] as const;

type FacilityKey = (typeof FACILITIES)[number]['key'];

interface DemoStay {
  facility: FacilityKey;
  /** Offsets from the seed date. */
  first: number;
  last: number;
  status: ShortStayStatus;
  household: HouseholdStatus;
  reason: string;
}

const FAMILIES: Array<{
  label: string;
  office: string;
  lead: string;
  supervisor: string;
  child: { kanji: string; kana: string; ageYears: number; sex: 'female' | 'male' };
  allergies: string | null;
  stays: DemoStay[];
}> = [
  {
    label: '青木 世帯（ショートステイ見本）',
    office: 'CFS-NERIMA',
    lead: 'consultant1',
    supervisor: 'supervisor1',
    child: { kanji: '青木 ひなた', kana: 'アオキ ヒナタ', ageYears: 6, sex: 'female' },
    allergies: '卵（加熱済みは可）',
    stays: [
      { facility: 'home', first: -40, last: -38, status: ShortStayStatus.Completed, household: HouseholdStatus.ResidentTaxExempt, reason: '母の入院（手術）のため養育が一時的に困難' },
      { facility: 'home', first: 7, last: 9, status: ShortStayStatus.Approved, household: HouseholdStatus.ResidentTaxExempt, reason: '母の通院治療と育児疲れの軽減（レスパイト）' },
    ],
  },
  {
    label: '石川 世帯（ショートステイ見本）',
    office: 'CFS-NERIMA',
    lead: 'consultant1',
    supervisor: 'supervisor1',
    child: { kanji: '石川 みお', kana: 'イシカワ ミオ', ageYears: 2, sex: 'female' },
    allergies: null,
    stays: [{ facility: 'infant', first: 14, last: 15, status: ShortStayStatus.Requested, household: HouseholdStatus.Taxed, reason: '父の出張と母の出産が重なるため' }],
  },
  {
    label: '森田 世帯（ショートステイ見本）',
    office: 'CFS-NUKUI',
    lead: 'consultant2',
    supervisor: 'supervisor2',
    child: { kanji: '森田 そうた', kana: 'モリタ ソウタ', ageYears: 4, sex: 'male' },
    allergies: null,
    stays: [
      { facility: 'foster', first: 3, last: 4, status: ShortStayStatus.Approved, household: HouseholdStatus.PublicAssistance, reason: 'ひとり親家庭で保護者が入院のため' },
      { facility: 'home', first: 20, last: 22, status: ShortStayStatus.Requested, household: HouseholdStatus.PublicAssistance, reason: '保護者の通院と休養のため' },
    ],
  },
];

export async function seedDemoShortStays(manager: EntityManager): Promise<void> {
  const today = todayInJapan();
  const facilities = new Map<FacilityKey, { id: string; type: FacilityType }>();
  for (const f of FACILITIES) {
    const officeId = await idOf(manager, `SELECT id FROM offices WHERE code = $1`, f.office);
    let id = (await sqlRows<{ id: string }>(manager, `SELECT id FROM facilities WHERE name = $1 AND type = $2`, [f.name, f.type]))[0]?.id;
    if (!id) {
      id = (await sqlRows<{ id: string }>(manager, `INSERT INTO facilities (type, name, office_id, phone) VALUES ($1, $2, $3, $4) RETURNING id`, [f.type, f.name, officeId, f.phone]))[0].id;
      await manager.query(`INSERT INTO short_stay_facility_profiles (facility_id, min_age, max_age, base_beds, notes) VALUES ($1, $2, $3, $4, $5)`, [id, f.minAge, f.maxAge, f.beds, f.notes]);
      if (f.key === 'foster') {
        // One bed out of service for a week (the family's own holiday).
        await manager.query(`INSERT INTO short_stay_capacity_changes (facility_id, first_night, last_night, bed_delta, reason) VALUES ($1, $2, $3, -1, '協力家庭の家族旅行のため休止')`, [
          id,
          addDays(today, 30),
          addDays(today, 36),
        ]);
      }
    }
    facilities.set(f.key, { id, type: f.type });
  }

  for (const family of FAMILIES) {
    const officeId = await idOf(manager, `SELECT id FROM offices WHERE code = $1`, family.office);
    const exists = await sqlRows(manager, `SELECT 1 FROM cases WHERE office_id = $1 AND label = $2`, [officeId, family.label]);
    if (exists.length > 0) continue;
    const leadId = await idOf(manager, `SELECT id FROM users WHERE login_id = $1`, family.lead);
    const supervisorId = await idOf(manager, `SELECT id FROM users WHERE login_id = $1`, family.supervisor);
    const birthDate = addDays(addMonths(today, -12 * family.child.ageYears), -45);
    const childId = await idOf(
      manager,
      `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, created_by)
       VALUES ($1, 'child', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      officeId,
      family.child.kanji,
      family.child.kana,
      normalizeKanji(family.child.kanji),
      normalizeKana(family.child.kana),
      birthDate,
      family.child.sex,
      leadId,
    );
    const openedOn = addDays(today, -90);
    const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, officeId, openedOn);
    const caseId = await idOf(
      manager,
      `INSERT INTO cases (office_id, case_number, fiscal_year, label, support_level, lead_worker_id, opened_on, created_by)
       VALUES ($1, $2, $3, $4, 'support_required', $5, $6, $5) RETURNING id`,
      officeId,
      caseNumber,
      fiscalYear,
      family.label,
      leadId,
      openedOn,
    );
    await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [caseId, childId]);
    for (const stay of family.stays) {
      await insertStay(manager, { officeId, caseId, childId, leadId, supervisorId, allergies: family.allergies, facility: facilities.get(stay.facility)!, stay, today });
    }
  }
}

async function insertStay(
  manager: EntityManager,
  a: { officeId: string; caseId: string; childId: string; leadId: string; supervisorId: string; allergies: string | null; facility: { id: string; type: FacilityType }; stay: DemoStay; today: string },
): Promise<void> {
  const firstNight = addDays(a.today, a.stay.first);
  const lastNight = addDays(a.today, a.stay.last);
  const nights = daysBetween(firstNight, lastNight) + 1;
  const booked = a.stay.status !== ShortStayStatus.Requested;
  const completed = a.stay.status === ShortStayStatus.Completed;
  const requestedAt = japanDateTime(addDays(firstNight, -10), 10);
  const decidedAt = japanDateTime(addDays(firstNight, -8), 15);
  const policy = booked ? await policyInForceOn(manager, firstNight) : null;
  const fee = booked ? await feeForStay(manager, a.facility.type, a.stay.household, firstNight, nights) : null;
  const returnedOn = addDays(lastNight, 1);
  const checkedOn = addDays(lastNight, 2);
  const id = await idOf(
    manager,
    `INSERT INTO short_stays (office_id, case_id, child_id, facility_id, first_night, last_night, status, reason, household_status, guardian_consent_on,
                              guardian_consent_by, contact_during_stay, allergies, requested_by, requested_at, policy_id, decided_by, decided_at,
                              fee_yen, fee_daily_rate_yen, fee_days, fee_exempt, checked_in_at, checked_in_by, returned_on, return_checked_on,
                              return_checked_by, child_condition)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '母', '母 携帯 090-0000-0000（夕方以降）', $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $22, $25)
     RETURNING id`,
    a.officeId,
    a.caseId,
    a.childId,
    a.facility.id,
    firstNight,
    lastNight,
    a.stay.status,
    a.stay.reason,
    a.stay.household,
    addDays(firstNight, -11),
    a.allergies,
    a.leadId,
    requestedAt,
    policy?.id ?? null,
    booked ? a.supervisorId : null,
    booked ? decidedAt : null,
    fee?.feeYen ?? null,
    fee?.dailyRateYen ?? null,
    fee?.days ?? null,
    fee?.exempt ?? null,
    completed ? japanDateTime(firstNight, 17) : null,
    completed ? a.leadId : null,
    completed ? returnedOn : null,
    completed ? checkedOn : null,
    completed ? '帰宅後、家庭訪問で本児の様子を確認。落ち着いて過ごしている。' : null,
  );
  const events: Array<[string, string | null, string, string, Date]> = [['request', null, 'requested', a.leadId, requestedAt]];
  if (booked) events.push(['approve', 'requested', 'approved', a.supervisorId, decidedAt]);
  if (completed) {
    events.push(['check_in', 'approved', 'in_stay', a.leadId, japanDateTime(firstNight, 17)]);
    events.push(['complete', 'in_stay', 'completed', a.leadId, japanDateTime(checkedOn, 16)]);
  }
  for (const [action, from, to, actor, at] of events) {
    await manager.query(`INSERT INTO short_stay_events (short_stay_id, action, from_status, to_status, actor_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [id, action, from, to, actor, at]);
  }
  if (booked) {
    await lockNights(manager, a.facility.id, firstNight, lastNight);
    await bookNights(manager, { id, facilityId: a.facility.id, childId: a.childId }, firstNight, lastNight);
  }
  if (a.stay.status === ShortStayStatus.Approved) {
    await writeReminderRows(manager, planStayReminders({ id, officeId: a.officeId, workerId: a.leadId, firstNight, lastNight }));
  }
}

/**
 * The seed runs without queues: it writes the reminder rows an approval
 * schedules (the due stage, and the escalation pointing at it); the worker's
 * reconciler enqueues them when they fall due, the database being the source of truth.
 */
async function writeReminderRows(manager: EntityManager, planned: PlannedReminder[]): Promise<void> {
  const insert = async (r: PlannedReminder, stage: 'due' | 'escalation', parentId: string | null, title: string, dueAt: Date, urgent: boolean, recipients: PlannedReminder['recipients']) =>
    idOf(
      manager,
      `INSERT INTO reminders (key, stage, parent_id, rule, subject_type, subject_id, office_id, title, due_at, urgent, recipients)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      r.key,
      stage,
      parentId,
      r.rule,
      r.subjectType,
      r.subjectId,
      r.officeId,
      title,
      dueAt,
      urgent,
      JSON.stringify(recipients),
    );
  for (const r of planned) {
    const dueId = await insert(r, 'due', null, r.title, r.dueAt, r.urgent ?? false, r.recipients);
    if (r.escalation) await insert(r, 'escalation', dueId, r.escalation.title ?? r.title, r.escalation.at, r.escalation.urgent ?? false, r.escalation.recipients);
  }
}

async function idOf(manager: EntityManager, sql: string, ...params: unknown[]): Promise<string> {
  const rows = await sqlRows<{ id: string }>(manager, sql, params);
  if (!rows[0]) throw new Error(`demo seed: nothing found for ${sql.split('\n')[0]}`);
  return rows[0].id;
}

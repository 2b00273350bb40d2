import { DataSource } from 'typeorm';
import { createPerson } from '../factories/casework';

/**
 * Builders for the records the measures count, written straight to the
 * database with the dates a test needs (past fiscal years included).
 */
export async function insertNotification(
  db: DataSource,
  spec: { officeId: string; filedOn: string; interviewedOn?: string; status?: 'filed' | 'unreachable'; specifiedAt?: string; caseId?: string },
): Promise<string> {
  const motherId = await createPerson(db, { officeId: spec.officeId, kind: 'expectant_mother', birthDate: '1994-04-04', nameKanji: `練馬 花子${Math.random().toString(36).slice(2, 6)}` });
  const status = spec.interviewedOn ? 'interviewed' : (spec.status ?? 'filed');
  const [row] = await db.query(
    `INSERT INTO pregnancy_notifications (office_id, mother_id, filed_on, weeks_at_filing, due_date, birth_order, status, first_interviewed_on,
                                          specified_status, specified_decided_at, case_id)
     VALUES ($1, $2, $3, 10, $3::date + 200, 'first', $4, $5, $6, $7, $8) RETURNING id`,
    [spec.officeId, motherId, spec.filedOn, status, spec.interviewedOn ?? null, spec.specifiedAt ? 'confirmed' : 'none', spec.specifiedAt ?? null, spec.caseId ?? null],
  );
  return row.id;
}

export async function insertPostpartumApplication(
  db: DataSource,
  spec: { officeId: string; appliedOn: string; status: 'applied' | 'approved' | 'rejected' | 'completed'; provider: string | null; sessions?: string[]; decidedBy: string; createdBy: string },
): Promise<string> {
  const motherId = await createPerson(db, { officeId: spec.officeId, kind: 'guardian', birthDate: '1990-01-01' });
  const decided = spec.status !== 'applied';
  const [row] = await db.query(
    `INSERT INTO postpartum_care_applications (office_id, mother_id, service_type, baby_birth_date, applied_on, requested_sessions, provider_name, status,
                                               approved_sessions, eligible_until, decided_by, decided_at, created_by)
     VALUES ($1, $2, 'day_care', $3::date - 10, $3, 5, $4, $5, $6, $3::date + 300, $7, $8, $9) RETURNING id`,
    [spec.officeId, motherId, spec.appliedOn, spec.provider, spec.status, spec.status === 'approved' || spec.status === 'completed' ? 5 : null, decided ? spec.decidedBy : null, decided ? new Date() : null, spec.createdBy],
  );
  for (const usedOn of spec.sessions ?? []) {
    await db.query(`INSERT INTO postpartum_care_sessions (application_id, used_on, recorded_by) VALUES ($1, $2, $3)`, [row.id, usedOn, spec.createdBy]);
  }
  return row.id;
}

export async function insertReport(db: DataSource, spec: { officeId: string; caseId: string; receivedAt: string; result: 'met' | 'missed' | null; receivedBy: string }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO child_abuse_reports (office_id, case_id, received_at, received_by, source, abuse_types, urgency, summary, status, safety_due_at, safety_confirmed_at, rule48_result)
     VALUES ($1, $2, $3::timestamptz, $4, 'school', '{neglect}', 'b', '試験通告', $5, $3::timestamptz + interval '48 hours',
             CASE WHEN $6::text IS NULL THEN NULL WHEN $6::text = 'met' THEN $3::timestamptz + interval '3 hours' ELSE $3::timestamptz + interval '50 hours' END, $6::rule48_result)
     RETURNING id`,
    [spec.officeId, spec.caseId, spec.receivedAt, spec.receivedBy, spec.result ? 'safety_confirmed' : 'received', spec.result],
  );
  return row.id;
}

export async function insertPlan(db: DataSource, spec: { caseId: string; workerId: string; nextDueOn: string | null; status?: 'active' | 'paused' }): Promise<string> {
  const status = spec.status ?? 'active';
  const [row] = await db.query(
    `INSERT INTO watch_visit_plans (case_id, frequency, start_on, responsible_worker_id, purpose, status, next_due_on, paused_on, pause_reason)
     VALUES ($1, 'monthly', '2024-04-01', $2, '見守り', $3, $4, $5, $6) RETURNING id`,
    [spec.caseId, spec.workerId, status, status === 'active' ? spec.nextDueOn : null, status === 'paused' ? '2024-04-01' : null, status === 'paused' ? '入院' : null],
  );
  return row.id;
}

export async function insertVisit(db: DataSource, spec: { caseId: string; planId: string | null; visitedOn: string; dueOn: string | null; done: boolean; visitorId: string }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO watch_visits (case_id, plan_id, visited_at, visited_on, due_on, visitor_ids, outcome, not_done_reason, risk_change)
     VALUES ($1, $2, ($3::date + time '10:00') AT TIME ZONE 'Asia/Tokyo', $3, $4, ARRAY[$5::uuid], $6, $7, $8) RETURNING id`,
    [spec.caseId, spec.planId, spec.visitedOn, spec.dueOn, spec.visitorId, spec.done ? 'done' : 'not_done', spec.done ? null : 'no_one_home', spec.done ? 'same' : null],
  );
  return row.id;
}

export async function insertRound(db: DataSource, spec: { officeId: string; facilityId: string; plannedOn: string; visitedOn?: string; visitorId: string }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO facility_rounds (office_id, facility_id, status, planned_on, visitor_ids, visited_at, visited_on)
     VALUES ($1, $2, $3, $4, ARRAY[$5::uuid], CASE WHEN $6::date IS NULL THEN NULL ELSE ($6::date + time '10:00') AT TIME ZONE 'Asia/Tokyo' END, $6) RETURNING id`,
    [spec.officeId, spec.facilityId, spec.visitedOn ? 'done' : 'planned', spec.plannedOn, spec.visitorId, spec.visitedOn ?? null],
  );
  return row.id;
}

export async function insertReferral(
  db: DataSource,
  spec: {
    officeId: string;
    caseId: string;
    authorId: string;
    approverId: string;
    state: 'draft' | 'submitted' | 'approved' | 'accepted';
    createdAt: string;
    submittedAt?: string;
    approvedAt?: string;
    sentOn?: string;
    answeredOn?: string;
  },
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO referrals (case_id, office_id, author_id, state, urgency, created_at, first_submitted_at, submitted_at, approved_by, approved_at,
                            sent_on, send_method, centre_name, answered_on, centre_case_number, submission_count)
     VALUES ($1, $2, $3, $4, 'b', $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      spec.caseId,
      spec.officeId,
      spec.authorId,
      spec.state,
      spec.createdAt,
      spec.submittedAt ?? null,
      spec.approvedAt ? spec.approverId : null,
      spec.approvedAt ?? null,
      spec.sentOn ?? null,
      spec.sentOn ? 'mail' : null,
      spec.sentOn ? '東京都児童相談センター' : null,
      spec.answeredOn ?? null,
      spec.state === 'accepted' ? 'C-0001' : null,
      spec.submittedAt ? 1 : 0,
    ],
  );
  return row.id;
}

let centreNumber = 0;
export async function insertCentreRequest(
  db: DataSource,
  spec: {
    officeId: string;
    kind: 'case_transfer' | 'entrusted_guidance';
    state: 'received' | 'in_progress' | 'lifted' | 'closed';
    receivedOn: string;
    endedAt?: string;
    recordedBy: string;
    leadWorkerId: string;
    caseId: string;
  },
): Promise<string> {
  centreNumber += 1;
  const assigned = spec.state !== 'received';
  const [row] = await db.query(
    `INSERT INTO centre_requests (kind, state, centre_name, centre_case_number, received_on, reason, reporting_interval_months, office_id, recorded_by,
                                  lead_worker_id, case_id, assigned_at, ended_at, lifted_notice_on, end_reason)
     VALUES ($1, $2, '東京都児童相談センター', $3, $4, '面前DV', $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      spec.kind,
      spec.state,
      `M-${centreNumber}`,
      spec.receivedOn,
      spec.kind === 'entrusted_guidance' ? 3 : null,
      spec.officeId,
      spec.recordedBy,
      assigned ? spec.leadWorkerId : null,
      assigned ? spec.caseId : null,
      assigned ? new Date() : null,
      spec.endedAt ?? null,
      spec.state === 'lifted' ? (spec.endedAt ?? '').slice(0, 10) : null,
      spec.endedAt ? '終結' : null,
    ],
  );
  return row.id;
}

export async function insertConference(db: DataSource, spec: { officeId: string; heldOn: string; createdBy: string; caseIds: string[]; centreAttended: boolean }): Promise<string> {
  const [row] = await db.query(`INSERT INTO case_conferences (office_id, type, held_on, created_by) VALUES ($1, 'individual_case', $2, $3) RETURNING id`, [spec.officeId, spec.heldOn, spec.createdBy]);
  let position = 0;
  for (const caseId of spec.caseIds) await db.query(`INSERT INTO case_conference_cases (conference_id, case_id, position) VALUES ($1, $2, $3)`, [row.id, caseId, position++]);
  if (spec.centreAttended) {
    await db.query(
      `INSERT INTO case_conference_attendees (conference_id, position, name, organisation, organisation_kind) VALUES ($1, 0, '児相 職員', '東京都児童相談センター', 'child_guidance_centre')`,
      [row.id],
    );
  }
  return row.id;
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Puts 送致, inbound centre requests and joint case conferences on the case
 * timeline (see migrations/1764300000002-case-timeline.ts). Everyone who may
 * read the case sees these entries, so the referral and request entries say
 * only that a step happened (who, when, which record): their content stays
 * in the records' own scope. A conference entry carries the decision taken
 * about this case, which is part of the case's record.
 */
export class CentreCoordinationTimeline1764700000003 implements MigrationInterface {
  name = 'CentreCoordinationTimeline1764700000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW case_timeline_referrals AS
      SELECT r.case_id, 'referral' AS source, e.id AS entry_id, e.occurred_at, e.actor_id AS author_id,
             e.action::text AS kind,
             CASE e.action
               WHEN 'submit' THEN '送致 決裁依頼' WHEN 'approve' THEN '送致 決裁' WHEN 'return' THEN '送致 差戻し'
               WHEN 'send' THEN '児童相談センターへ送致' WHEN 'accept' THEN '送致 児相受理' WHEN 'decline' THEN '送致 児相不受理'
               WHEN 'close' THEN '送致 完了' WHEN 'withdraw' THEN '送致 取下げ' END AS title,
             NULL::text AS summary,
             jsonb_build_object('referralId', r.id, 'fromState', e.from_state, 'toState', e.to_state) AS details
        FROM referral_events e JOIN referrals r ON r.id = e.referral_id
       WHERE e.action IN ('submit', 'approve', 'return', 'send', 'accept', 'decline', 'close', 'withdraw')`);
    await db.query(`
      CREATE VIEW case_timeline_centre_requests AS
      SELECT q.case_id, 'centre_request' AS source, e.id AS entry_id, e.occurred_at, e.actor_id AS author_id,
             e.action AS kind,
             CASE q.kind WHEN 'case_transfer' THEN '事案送致' ELSE '指導措置委託' END || ' ' ||
             CASE e.action
               WHEN 'record' THEN '受付' WHEN 'assign' THEN '担当決定' WHEN 'start' THEN '対応開始' WHEN 'lift' THEN '措置解除'
               WHEN 'close' THEN '終結' WHEN 'report_mark_sent' THEN '経過報告を送付' END AS title,
             NULL::text AS summary,
             jsonb_build_object('centreRequestId', q.id, 'kind', q.kind, 'progressReportId', e.progress_report_id) AS details
        FROM centre_request_events e JOIN centre_requests q ON q.id = e.request_id
       WHERE q.case_id IS NOT NULL AND e.action IN ('record', 'assign', 'start', 'lift', 'close', 'report_mark_sent')`);
    await db.query(`
      CREATE VIEW case_timeline_case_conferences AS
      SELECT cc.case_id, 'case_conference' AS source, f.id AS entry_id,
             (f.held_on + coalesce(f.start_time::time, time '00:00')) AT TIME ZONE 'Asia/Tokyo' AS occurred_at,
             f.created_by AS author_id, f.type::text AS kind,
             CASE f.type WHEN 'individual_case' THEN '個別ケース検討会議' WHEN 'progress_management' THEN '進行管理会議' WHEN 'emergency_intake' THEN '緊急受理会議' END AS title,
             cc.decision AS summary,
             jsonb_build_object('conferenceId', f.id,
               'centreAttended', EXISTS (SELECT 1 FROM case_conference_attendees a WHERE a.conference_id = f.id AND a.organisation_kind = 'child_guidance_centre')) AS details
        FROM case_conference_cases cc JOIN case_conferences f ON f.id = cc.conference_id`);
    await db.query(`SELECT case_timeline_register('referral', 'case_timeline_referrals')`);
    await db.query(`SELECT case_timeline_register('centre_request', 'case_timeline_centre_requests')`);
    await db.query(`SELECT case_timeline_register('case_conference', 'case_timeline_case_conferences')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`SELECT case_timeline_unregister('case_conference')`);
    await db.query(`SELECT case_timeline_unregister('centre_request')`);
    await db.query(`SELECT case_timeline_unregister('referral')`);
    await db.query(`DROP VIEW case_timeline_case_conferences`);
    await db.query(`DROP VIEW case_timeline_centre_requests`);
    await db.query(`DROP VIEW case_timeline_referrals`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plugs the records other modules attach to a case into the case timeline
 * (経過記録), through the registration mechanism of 1764300000002-case-timeline:
 * 妊婦面談 of a pregnancy linked to the case (特定妊婦), 見守り訪問, and
 * ショートステイ. Each source is a plain view so the timeline query still
 * filters by case_id inside every branch of the union.
 */
export class FeatureTimelines1764650000000 implements MigrationInterface {
  name = 'FeatureTimelines1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW case_timeline_pregnancy_interviews AS
      SELECT n.case_id, 'pregnancy_interview' AS source, i.id AS entry_id,
             (i.interviewed_on::timestamp AT TIME ZONE 'Asia/Tokyo') AS occurred_at, i.consultant_id AS author_id,
             i.support_need::text AS kind, '妊婦面談' AS title, i.support_plan AS summary,
             jsonb_build_object('notificationId', n.id, 'officeId', i.office_id, 'followUpOn', i.follow_up_on) AS details
        FROM pregnancy_interviews i JOIN pregnancy_notifications n ON n.id = i.notification_id
       WHERE n.case_id IS NOT NULL`);
    await db.query(`
      CREATE VIEW case_timeline_watch_visits AS
      SELECT v.case_id, 'watch_visit' AS source, v.id AS entry_id, v.visited_at AS occurred_at, v.created_by AS author_id,
             v.outcome::text AS kind, '見守り訪問' AS title, coalesce(v.notes, v.not_done_note) AS summary,
             jsonb_build_object('outcome', v.outcome, 'notDoneReason', v.not_done_reason, 'riskChange', v.risk_change,
                                'nextVisitOn', v.next_visit_on, 'visitorIds', to_jsonb(v.visitor_ids)) AS details
        FROM watch_visits v`);
    await db.query(`
      CREATE VIEW case_timeline_short_stays AS
      SELECT s.case_id, 'short_stay' AS source, s.id AS entry_id, s.requested_at AS occurred_at, s.requested_by AS author_id,
             s.status::text AS kind, 'ショートステイ' AS title, s.reason AS summary,
             jsonb_build_object('childId', s.child_id, 'facilityId', s.facility_id, 'firstNight', s.first_night,
                                'lastNight', s.last_night, 'status', s.status) AS details
        FROM short_stays s`);
    await db.query(`SELECT case_timeline_register('pregnancy_interview', 'case_timeline_pregnancy_interviews')`);
    await db.query(`SELECT case_timeline_register('watch_visit', 'case_timeline_watch_visits')`);
    await db.query(`SELECT case_timeline_register('short_stay', 'case_timeline_short_stays')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const source of ['short_stay', 'watch_visit', 'pregnancy_interview']) {
      await db.query(`SELECT case_timeline_unregister($1)`, [source]);
    }
    await db.query(`DROP VIEW case_timeline_short_stays`);
    await db.query(`DROP VIEW case_timeline_watch_visits`);
    await db.query(`DROP VIEW case_timeline_pregnancy_interviews`);
  }
}

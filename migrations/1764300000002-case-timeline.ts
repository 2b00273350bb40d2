import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case timeline (経過記録): one view, `case_timeline`, that is the UNION ALL
 * of every registered source view. A feature contributes its records without
 * the cases module importing it, and without restating other features' SQL:
 *
 *   CREATE VIEW case_timeline_watch_visits AS SELECT
 *     v.case_id::uuid, 'watch_visit'::text AS source, v.id::uuid AS entry_id,
 *     v.visited_at::timestamptz AS occurred_at, v.visitor_id::uuid AS author_id,
 *     'watch_visit'::text AS kind, '見守り訪問'::text AS title, v.observations::text AS summary,
 *     jsonb_build_object('childSeen', v.child_seen) AS details
 *   FROM watch_visits v;
 *   SELECT case_timeline_register('watch_visit', 'case_timeline_watch_visits');
 *
 * and in `down`: `SELECT case_timeline_unregister('watch_visit')` before
 * dropping the source view. Registering rebuilds `case_timeline` with
 * CREATE OR REPLACE VIEW over the fixed column list, so the order in which
 * features' migrations run does not matter. Nothing may build on
 * `case_timeline` itself (it is rebuilt on every registration).
 */
export class CaseTimeline1764300000002 implements MigrationInterface {
  name = 'CaseTimeline1764300000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_timeline_sources (
        source text PRIMARY KEY CHECK (source ~ '^[a-z][a-z0-9_]{0,62}$'),
        view_name text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION case_timeline_rebuild() RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        body text;
      BEGIN
        SELECT string_agg(format(
                 'SELECT case_id::uuid, source::text, entry_id::uuid, occurred_at::timestamptz, author_id::uuid, kind::text, title::text, summary::text, details::jsonb FROM %I',
                 view_name), ' UNION ALL ' ORDER BY source)
          INTO body FROM case_timeline_sources;
        body := coalesce(body, 'SELECT NULL::uuid, NULL::text, NULL::uuid, NULL::timestamptz, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::jsonb WHERE false');
        EXECUTE 'CREATE OR REPLACE VIEW case_timeline (case_id, source, entry_id, occurred_at, author_id, kind, title, summary, details) AS ' || body;
      END
      $$`);
    await db.query(`
      CREATE FUNCTION case_timeline_register(p_source text, p_view text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_timeline_sources (source, view_name) VALUES (p_source, p_view)
        ON CONFLICT (source) DO UPDATE SET view_name = EXCLUDED.view_name, registered_at = now();
        PERFORM case_timeline_rebuild();
      END
      $$`);
    await db.query(`
      CREATE FUNCTION case_timeline_unregister(p_source text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_timeline_sources WHERE source = p_source;
        -- CREATE OR REPLACE cannot drop a dependency, so unregistering recreates the view.
        DROP VIEW IF EXISTS case_timeline;
        PERFORM case_timeline_rebuild();
      END
      $$`);

    // The cases module's own sources.
    await db.query(`
      CREATE VIEW case_timeline_notes AS
      SELECT n.case_id, 'case_note' AS source, n.id AS entry_id, n.occurred_at, n.author_id,
             n.contact_type::text AS kind,
             CASE n.contact_type
               WHEN 'home_visit' THEN '家庭訪問' WHEN 'office_interview' THEN '来所面接' WHEN 'phone' THEN '電話'
               WHEN 'meeting' THEN '打合せ' WHEN 'case_conference' THEN 'ケース会議' WHEN 'facility_contact' THEN '関係施設との連絡'
               WHEN 'agency_contact' THEN '関係機関との連絡' WHEN 'letter' THEN '文書・メール' ELSE 'その他' END AS title,
             n.text AS summary,
             jsonb_build_object(
               'correctsNoteId', n.corrects_note_id,
               'correctionReason', n.correction_reason,
               'correctedByNoteId', (SELECT c.id FROM case_notes c WHERE c.corrects_note_id = n.id)) AS details
        FROM case_notes n`);
    await db.query(`
      CREATE VIEW case_timeline_events AS
      SELECT e.case_id, 'case_event' AS source, e.id AS entry_id, e.occurred_at, e.actor_id AS author_id,
             e.kind::text AS kind,
             CASE e.kind
               WHEN 'opened' THEN 'ケース開始' WHEN 'closed' THEN 'ケース終結' WHEN 'reopened' THEN 'ケース再開'
               WHEN 'assigned' THEN '担当者変更' WHEN 'transfer_accepted' THEN '移管（受理）' END AS title,
             e.reason AS summary,
             e.details
        FROM case_events e
       WHERE e.kind IN ('opened', 'closed', 'reopened', 'assigned', 'transfer_accepted')`);
    await db.query(`
      CREATE VIEW case_timeline_reports AS
      SELECT r.case_id, 'child_abuse_report' AS source, r.id AS entry_id, r.received_at AS occurred_at, r.received_by AS author_id,
             r.urgency::text AS kind, '通告受理' AS title, r.summary,
             jsonb_build_object('reportId', r.id, 'urgency', r.urgency, 'abuseTypes', to_jsonb(r.abuse_types), 'source', r.source, 'status', r.status) AS details
        FROM child_abuse_reports r`);
    await db.query(`
      CREATE VIEW case_timeline_safety_confirmations AS
      SELECT r.case_id, 'safety_confirmation' AS source, s.id AS entry_id, s.confirmed_at AS occurred_at, s.recorded_by AS author_id,
             s.method::text AS kind, '安全確認（直接目視）' AS title, s.notes AS summary,
             jsonb_build_object('reportId', r.id, 'method', s.method, 'seenByUserId', s.seen_by_user_id, 'seenByName', s.seen_by_name, 'place', s.place,
               'childIds', (SELECT coalesce(jsonb_agg(c.person_id ORDER BY c.person_id), '[]'::jsonb) FROM child_abuse_report_children c WHERE c.safety_confirmation_id = s.id)) AS details
        FROM safety_confirmations s JOIN child_abuse_reports r ON r.id = s.report_id`);
    await db.query(`
      CREATE VIEW case_timeline_progress_reviews AS
      SELECT p.case_id, 'progress_review' AS source, p.id AS entry_id, (p.reviewed_on::timestamp AT TIME ZONE 'Asia/Tokyo') AS occurred_at,
             p.recorded_by AS author_id, p.decision::text AS kind, '進行管理' AS title, p.assessment AS summary,
             jsonb_build_object('decision', p.decision, 'decisionNotes', p.decision_notes, 'attendees', to_jsonb(p.attendees), 'nextReviewOn', p.next_review_on) AS details
        FROM case_progress_reviews p`);
    await db.query(`SELECT case_timeline_register('case_note', 'case_timeline_notes')`);
    await db.query(`SELECT case_timeline_register('case_event', 'case_timeline_events')`);
    await db.query(`SELECT case_timeline_register('child_abuse_report', 'case_timeline_reports')`);
    await db.query(`SELECT case_timeline_register('safety_confirmation', 'case_timeline_safety_confirmations')`);
    await db.query(`SELECT case_timeline_register('progress_review', 'case_timeline_progress_reviews')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW IF EXISTS case_timeline`);
    await db.query(`DROP VIEW case_timeline_progress_reviews`);
    await db.query(`DROP VIEW case_timeline_safety_confirmations`);
    await db.query(`DROP VIEW case_timeline_reports`);
    await db.query(`DROP VIEW case_timeline_events`);
    await db.query(`DROP VIEW case_timeline_notes`);
    await db.query(`DROP FUNCTION case_timeline_unregister(text)`);
    await db.query(`DROP FUNCTION case_timeline_register(text, text)`);
    await db.query(`DROP FUNCTION case_timeline_rebuild()`);
    await db.query(`DROP TABLE case_timeline_sources`);
  }
}

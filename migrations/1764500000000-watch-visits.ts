import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 見守り訪問: one open visit plan per case (frequency, responsible worker,
 * derived next due date), the plan's state history, and the visit records
 * with one row per child saying whether the child was seen directly (目視).
 * Calendar facts are Japan dates (`date`) so that measures and overdue lists
 * are plain set-based SQL.
 */
export class WatchVisits1764500000000 implements MigrationInterface {
  name = 'WatchVisits1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE watch_visit_frequency AS ENUM ('weekly', 'biweekly', 'monthly', 'custom')`);
    await db.query(`CREATE TYPE watch_visit_plan_status AS ENUM ('active', 'paused', 'ended')`);
    await db.query(`
      CREATE TABLE watch_visit_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        frequency watch_visit_frequency NOT NULL,
        interval_days integer,
        start_on date NOT NULL,
        responsible_worker_id uuid NOT NULL REFERENCES users (id),
        purpose text NOT NULL,
        status watch_visit_plan_status NOT NULL DEFAULT 'active',
        next_due_on date,
        last_visit_on date,
        resumed_on date,
        paused_on date,
        pause_reason text,
        ended_on date,
        end_reason text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT watch_visit_plans_custom_interval CHECK ((frequency = 'custom') = (interval_days IS NOT NULL)),
        CONSTRAINT watch_visit_plans_interval_range CHECK (interval_days IS NULL OR interval_days BETWEEN 1 AND 366),
        CONSTRAINT watch_visit_plans_paused_has_reason CHECK (status <> 'paused' OR (pause_reason IS NOT NULL AND paused_on IS NOT NULL)),
        CONSTRAINT watch_visit_plans_ended_has_reason CHECK (status <> 'ended' OR (end_reason IS NOT NULL AND ended_on IS NOT NULL)),
        CONSTRAINT watch_visit_plans_due_only_when_active CHECK (status = 'active' OR next_due_on IS NULL)
      )`);
    // One plan in force (active or paused) per case; ended plans stay as history.
    await db.query(`CREATE UNIQUE INDEX watch_visit_plans_one_open_per_case ON watch_visit_plans (case_id) WHERE status <> 'ended'`);
    await db.query(`CREATE INDEX watch_visit_plans_due_idx ON watch_visit_plans (next_due_on, id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX watch_visit_plans_worker_due_idx ON watch_visit_plans (responsible_worker_id, next_due_on) WHERE status = 'active'`);
    // The plan list's order (dated plans first): an index walk instead of sorting every plan in scope.
    await db.query(`CREATE INDEX watch_visit_plans_list_idx ON watch_visit_plans ((coalesce(next_due_on, '9999-12-31'::date)), id)`);

    await db.query(`CREATE TYPE watch_visit_plan_action AS ENUM ('created', 'updated', 'paused', 'resumed', 'ended')`);
    await db.query(`
      CREATE TABLE watch_visit_plan_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES watch_visit_plans (id),
        action watch_visit_plan_action NOT NULL,
        reason text,
        effective_on date NOT NULL,
        next_due_on date,
        actor_id uuid REFERENCES users (id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX watch_visit_plan_events_plan_idx ON watch_visit_plan_events (plan_id, at)`);

    await db.query(`CREATE TYPE watch_visit_outcome AS ENUM ('done', 'not_done')`);
    await db.query(`CREATE TYPE watch_visit_not_done_reason AS ENUM ('no_one_home', 'refused', 'other')`);
    await db.query(`CREATE TYPE risk_change AS ENUM ('lower', 'same', 'higher')`);
    await db.query(`CREATE TYPE watch_visit_alert AS ENUM ('child_not_seen_twice', 'risk_higher')`);
    await db.query(`
      CREATE TABLE watch_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        plan_id uuid REFERENCES watch_visit_plans (id),
        visited_at timestamptz NOT NULL,
        visited_on date NOT NULL,
        due_on date,
        visitor_ids uuid[] NOT NULL,
        accompanied_by text,
        outcome watch_visit_outcome NOT NULL,
        not_done_reason watch_visit_not_done_reason,
        not_done_note text,
        home_environment text,
        guardian_state text,
        concerns text,
        risk_change risk_change,
        next_visit_on date,
        notes text,
        alerts watch_visit_alert[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT watch_visits_has_visitor CHECK (cardinality(visitor_ids) >= 1),
        CONSTRAINT watch_visits_reason_iff_not_done CHECK ((outcome = 'not_done') = (not_done_reason IS NOT NULL)),
        CONSTRAINT watch_visits_done_has_risk CHECK (outcome = 'not_done' OR risk_change IS NOT NULL),
        CONSTRAINT watch_visits_next_after_visit CHECK (next_visit_on IS NULL OR next_visit_on > visited_on)
      )`);
    await db.query(`CREATE INDEX watch_visits_case_idx ON watch_visits (case_id, visited_at DESC, id)`);
    // The office-wide visit list, newest first (keyset on visited_at, id).
    await db.query(`CREATE INDEX watch_visits_recent_idx ON watch_visits (visited_at DESC, id DESC)`);
    await db.query(`CREATE INDEX watch_visits_plan_idx ON watch_visits (plan_id, visited_on)`);
    // Measures: visits per fiscal year (a date range on visited_on).
    await db.query(`CREATE INDEX watch_visits_visited_on_idx ON watch_visits (visited_on, outcome)`);
    await db.query(`CREATE INDEX watch_visits_visitors_idx ON watch_visits USING gin (visitor_ids)`);

    await db.query(`CREATE TYPE child_condition AS ENUM ('good', 'some_concern', 'serious_concern')`);
    await db.query(`
      CREATE TABLE watch_visit_children (
        visit_id uuid NOT NULL REFERENCES watch_visits (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        seen boolean NOT NULL,
        condition child_condition,
        note text,
        PRIMARY KEY (visit_id, person_id),
        CONSTRAINT watch_visit_children_condition_when_seen CHECK (seen OR condition IS NULL)
      )`);
    await db.query(`CREATE INDEX watch_visit_children_person_idx ON watch_visit_children (person_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE watch_visit_children`);
    await db.query(`DROP TYPE child_condition`);
    await db.query(`DROP TABLE watch_visits`);
    await db.query(`DROP TYPE watch_visit_alert`);
    await db.query(`DROP TYPE risk_change`);
    await db.query(`DROP TYPE watch_visit_not_done_reason`);
    await db.query(`DROP TYPE watch_visit_outcome`);
    await db.query(`DROP TABLE watch_visit_plan_events`);
    await db.query(`DROP TYPE watch_visit_plan_action`);
    await db.query(`DROP TABLE watch_visit_plans`);
    await db.query(`DROP TYPE watch_visit_plan_status`);
    await db.query(`DROP TYPE watch_visit_frequency`);
  }
}

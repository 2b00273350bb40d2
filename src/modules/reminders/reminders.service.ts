import { Inject, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AfterCommit } from '../../database/after-commit';
import { sqlRows } from '../../database/sql';
import { DueReminder, ReminderEnqueuer } from './delivery/reminder-enqueuer';
import { assertValidReminder } from './reminder-validation';
import { ReminderStage, ReminderState } from './reminder.entity';
import { RecipientResolverRegistry } from './recipients/recipient-resolver.registry';
import { ReminderRecipient } from './recipients/reminder-recipient';

export type { ReminderRecipient } from './recipients/reminder-recipient';

export interface ScheduleReminder {
  /** Stable identity, e.g. `watch_visit.due:${planId}`; scheduling the same key again moves the reminder. */
  key: string;
  /** Rule code: lower_snake segments joined by '.', e.g. 'watch_visit.due'. */
  rule: string;
  subjectType: string;
  subjectId: string;
  /** Office owning the subject: scopes the supervisors' due lists. */
  officeId: string;
  /** Short Japanese label without names or other sensitive free text, e.g. '見守り訪問の予定日です'. */
  title: string;
  dueAt: Date;
  recipients: ReminderRecipient[];
  urgent?: boolean;
  /** If the key is still not cancelled at `at`, notify these recipients too. */
  escalation?: { at: Date; recipients: ReminderRecipient[]; title?: string; urgent?: boolean };
}

interface UpsertResult {
  id: string;
  version: number;
  state: ReminderState;
  due_at: Date;
  old_version: number | null;
  old_due_at: Date | null;
}

/** A stage's row as `inPlace` compares it. */
interface StoredStage {
  key: string;
  stage: ReminderStage;
  rule: string;
  subject_type: string;
  subject_id: string;
  office_id: string;
  title: string;
  due_at: Date;
  urgent: boolean;
  recipients: unknown;
  state: ReminderState;
  resolved: boolean;
}

/** What one stage of a reminder says: when, to whom, how. */
interface StageValues {
  title: string;
  dueAt: Date;
  urgent: boolean;
  recipients: ReminderRecipient[];
}

/** The due stage of a reminder. */
function dueStageOf(reminder: ScheduleReminder): StageValues {
  return { title: reminder.title, dueAt: reminder.dueAt, urgent: reminder.urgent ?? false, recipients: reminder.recipients };
}

/** The escalation stage of a reminder, if it has one: its title and urgency are the due stage's unless it says otherwise. */
function escalationOf(reminder: ScheduleReminder): StageValues | null {
  const escalation = reminder.escalation;
  if (!escalation) return null;
  return { title: escalation.title ?? reminder.title, dueAt: escalation.at, urgent: escalation.urgent ?? reminder.urgent ?? false, recipients: escalation.recipients };
}

/** Whether a stage's row already says what scheduling would write (a cancelled or failed one would be re-armed). */
function holds(row: StoredStage | undefined, reminder: ScheduleReminder, stage: StageValues): boolean {
  return (
    row !== undefined &&
    row.state !== ReminderState.Cancelled &&
    row.state !== ReminderState.Failed &&
    row.rule === reminder.rule &&
    row.subject_type === reminder.subjectType &&
    row.subject_id === reminder.subjectId &&
    row.office_id === reminder.officeId &&
    row.title === stage.title &&
    row.due_at.getTime() === stage.dueAt.getTime() &&
    row.urgent === stage.urgent &&
    isDeepStrictEqual(row.recipients, JSON.parse(JSON.stringify(stage.recipients)))
  );
}

/** A job of a reminder version that may be on the queue, to drop once the version is superseded. */
interface QueuedVersion {
  id: string;
  version: number;
  dueAt: Date;
}

/**
 * The statement writing a reminder's due stage and, when `withEscalation`,
 * its escalation (whose parent is the due stage), each inserted or updated in
 * place, answering each with the version it had before. Parameters: $1–$9 the
 * key, rule, subject, office and the due stage's title, time, urgency and
 * recipients; $10–$13 the escalation's.
 */
function upsertSql(withEscalation: boolean): string {
  // Re-arm (new version, scheduled again) when the due time moves, or when a cancelled or failed reminder is scheduled again.
  const rearm = `(r.state IN ('cancelled', 'failed') OR r.due_at <> EXCLUDED.due_at)`;
  const upsertStage = (rows: string) => `
      INSERT INTO reminders AS r (key, stage, parent_id, rule, subject_type, subject_id, office_id, title, due_at, urgent, recipients)
      ${rows}
      ON CONFLICT (key, stage) DO UPDATE SET
        parent_id = EXCLUDED.parent_id, rule = EXCLUDED.rule, subject_type = EXCLUDED.subject_type, subject_id = EXCLUDED.subject_id,
        office_id = EXCLUDED.office_id, title = EXCLUDED.title, urgent = EXCLUDED.urgent, recipients = EXCLUDED.recipients,
        due_at = EXCLUDED.due_at,
        version = CASE WHEN ${rearm} THEN r.version + 1 ELSE r.version END,
        state = CASE WHEN ${rearm} THEN 'scheduled'::reminder_state ELSE r.state END,
        delivered_at = CASE WHEN ${rearm} THEN NULL ELSE r.delivered_at END,
        resolved_at = CASE WHEN ${rearm} THEN NULL ELSE r.resolved_at END,
        unresolved_recipients = CASE WHEN ${rearm} THEN NULL ELSE r.unresolved_recipients END,
        failure_reason = CASE WHEN ${rearm} THEN NULL ELSE r.failure_reason END,
        updated_at = now()
      RETURNING r.id, r.stage, r.version, r.state, r.due_at`;
  const due = `SELECT $1::text, 'due'::reminder_stage, NULL::uuid, $2::text, $3::text, $4::text, $5::uuid, $6::text, $7::timestamptz, $8::boolean, $9::jsonb`;
  const escalation = `SELECT $1::text, 'escalation'::reminder_stage, due.id, $2::text, $3::text, $4::text, $5::uuid, $10::text, $11::timestamptz, $12::boolean, $13::jsonb FROM due`;
  const stages = withEscalation ? `due AS (${upsertStage(due)}), escalation AS (${upsertStage(escalation)})` : `due AS (${upsertStage(due)})`;
  const written = withEscalation ? 'SELECT * FROM due UNION ALL SELECT * FROM escalation' : 'SELECT * FROM due';
  // `previous` reads the rows as the statement found them (every part of a statement sees the same snapshot;
  // the updates below are not visible to it). It must not say FOR UPDATE: a row this statement has already
  // updated cannot be locked again and would be skipped — the old version lost. ON CONFLICT locks the rows.
  return `WITH previous AS MATERIALIZED (SELECT stage, version, due_at FROM reminders WHERE key = $1), ${stages}
       SELECT w.id, w.version, w.state, w.due_at, p.version AS old_version, p.due_at AS old_due_at
         FROM (${written}) w LEFT JOIN previous p ON p.stage = w.stage
        ORDER BY w.stage`;
}

// Built once (see upsertSql): every visit recorded schedules a reminder, and the statement cache finds a
// statement by its text, which a text made afresh would make it hash and compare in full each time.
const UPSERT_DUE_SQL = upsertSql(false);
const UPSERT_DUE_AND_ESCALATION_SQL = upsertSql(true);

/**
 * The one scheduling API of every feature module. Calls run inside the
 * caller's transaction: the reminder row commits or rolls back with the
 * record it is about, and the delivery job is enqueued only after the commit.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly registry: RecipientResolverRegistry,
    private readonly afterCommit: AfterCommit,
    private readonly enqueuer: ReminderEnqueuer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inserts the reminder, or updates the one with the same key. A new due time
   * (or scheduling again after a cancel) re-arms it under a new version, so a
   * job for the old time delivers nothing; a delivered reminder scheduled again
   * with the same due time is not delivered twice.
   */
  async schedule(manager: EntityManager, reminder: ScheduleReminder): Promise<void> {
    assertValidReminder(reminder, this.registry);
    const results = await this.upsert(manager, reminder);
    const superseded: QueuedVersion[] = [];
    if (!reminder.escalation) superseded.push(...(await this.resolve(manager, [reminder.key], ReminderStage.Escalation)));
    for (const r of results) {
      if (r.old_version !== null && r.old_version !== r.version) superseded.push({ id: r.id, version: r.old_version, dueAt: r.old_due_at as Date });
    }
    const toEnqueue: DueReminder[] = results
      .filter((r) => r.state === ReminderState.Scheduled && this.withinLookahead(r.due_at))
      .map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at }));
    const toForget = this.mayBeQueued(superseded);
    if (toEnqueue.length === 0 && toForget.length === 0) return;
    await this.afterCommit.defer(manager, async () => {
      await this.enqueuer.enqueue(toEnqueue);
      await this.enqueuer.forget(toForget);
    });
  }

  /**
   * The keys whose rows already hold what `schedule` would write for the
   * given reminder (for null: what `cancel` would leave, nothing open), read
   * in one statement. Sweeps that re-assert many reminders write only the
   * others.
   */
  async inPlace(manager: EntityManager, wanted: Array<{ key: string; reminder: ScheduleReminder | null }>): Promise<Set<string>> {
    if (wanted.length === 0) return new Set();
    const rows = await sqlRows<StoredStage>(
      manager,
      `SELECT key, stage, rule, subject_type, subject_id, office_id, title, due_at, urgent, recipients, state, resolved_at IS NOT NULL AS resolved
         FROM reminders WHERE key = ANY ($1::text[])`,
      [wanted.map((w) => w.key)],
    );
    const stored = new Map<string, Partial<Record<ReminderStage, StoredStage>>>();
    for (const row of rows) stored.set(row.key, { ...stored.get(row.key), [row.stage]: row });
    const keys = new Set<string>();
    for (const { key, reminder } of wanted) {
      const { due, escalation } = stored.get(key) ?? {};
      const closed = (row?: StoredStage) => !row || row.resolved;
      const wantedEscalation = reminder && escalationOf(reminder);
      const inPlace = reminder
        ? holds(due, reminder, dueStageOf(reminder)) &&
          (wantedEscalation ? holds(escalation, reminder, wantedEscalation) : closed(escalation))
        : closed(due) && closed(escalation);
      if (inPlace) keys.add(key);
    }
    return keys;
  }

  /** Cancels the reminder and its escalation: the subject is resolved. A delivered one is only marked resolved; an absent key is a no-op. */
  async cancel(manager: EntityManager, key: string): Promise<void> {
    await this.cancelMany(manager, [key]);
  }

  async cancelMany(manager: EntityManager, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const cancelled = this.mayBeQueued(await this.resolve(manager, keys, null));
    if (cancelled.length === 0) return;
    await this.afterCommit.defer(manager, () => this.enqueuer.forget(cancelled));
  }

  /**
   * The queue holds only what comes due within the reconciler's lookahead
   * (RECONCILE_LOOKAHEAD_MS); the reconciler, running more often than that,
   * enqueues the rest as it comes into range. Most reminders are weeks away
   * (the next watch visit, a follow-up): they cost no Redis memory and no
   * queue round trip when they are scheduled, moved or cancelled.
   */
  private withinLookahead(dueAt: Date): boolean {
    return dueAt.getTime() <= Date.now() + this.config.reconcileLookaheadMs;
  }

  /**
   * The superseded versions a job may exist for: only those due within the
   * lookahead can have been enqueued (by a schedule call or by the
   * reconciler). A minute of margin covers clocks of different processes.
   */
  private mayBeQueued(versions: QueuedVersion[]): QueuedVersion[] {
    const horizon = Date.now() + this.config.reconcileLookaheadMs + 60_000;
    return versions.filter((v) => v.dueAt.getTime() <= horizon);
  }

  /** "Notify them at once": due now, delivered as soon as the transaction commits. */
  async notifyNow(manager: EntityManager, reminder: Omit<ScheduleReminder, 'dueAt' | 'escalation'>): Promise<void> {
    await this.schedule(manager, { ...reminder, dueAt: new Date() });
  }

  /**
   * Writes the due stage and, when there is one, the escalation (its parent
   * is the due stage) in one statement, each inserted or updated in place,
   * and answers each with the version it had before.
   */
  private async upsert(manager: EntityManager, reminder: ScheduleReminder): Promise<UpsertResult[]> {
    const dueStage = dueStageOf(reminder);
    const escalation = escalationOf(reminder);
    const params: unknown[] = [
      reminder.key,
      reminder.rule,
      reminder.subjectType,
      reminder.subjectId,
      reminder.officeId,
      dueStage.title,
      dueStage.dueAt,
      dueStage.urgent,
      JSON.stringify(dueStage.recipients),
    ];
    if (escalation) params.push(escalation.title, escalation.dueAt, escalation.urgent, JSON.stringify(escalation.recipients));
    return sqlRows<UpsertResult>(manager, escalation ? UPSERT_DUE_AND_ESCALATION_SQL : UPSERT_DUE_SQL, params);
  }

  /** Marks open reminders of the keys resolved (scheduled ones become cancelled); answers the jobs that became pointless. */
  private async resolve(manager: EntityManager, keys: string[], stage: ReminderStage | null): Promise<QueuedVersion[]> {
    const rows = await sqlRows<{ id: string; version: number; due_at: Date; previous_state: ReminderState }>(
      manager,
      `WITH target AS (
         SELECT id, state FROM reminders
         WHERE key = ANY ($1) AND ($2::reminder_stage IS NULL OR stage = $2) AND resolved_at IS NULL
         ORDER BY id FOR UPDATE
       )
       UPDATE reminders r
       SET state = CASE WHEN t.state = 'scheduled' THEN 'cancelled'::reminder_state ELSE r.state END, resolved_at = now(), updated_at = now()
       FROM target t WHERE r.id = t.id
       RETURNING r.id, r.version, r.due_at, t.state AS previous_state`,
      [keys, stage],
    );
    return rows.filter((row) => row.previous_state === ReminderState.Scheduled).map(({ id, version, due_at }) => ({ id, version, dueAt: due_at }));
  }
}

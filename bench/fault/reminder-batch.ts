import { Client } from 'pg';

export const FAULT_RULE = 'bench.fault';

/**
 * Schedules `count` reminders directly in the table, in the shape
 * RemindersService.schedule writes (stage 'due', version 1, state
 * 'scheduled', recipients as a JSON array), due evenly between `from` and
 * `to`. Nothing is enqueued: the reconciler must find them, as it does for any
 * reminder whose after-commit enqueue was lost. Each goes to one demo user.
 */
export async function scheduleReminderBatch(client: Client, count: number, from: Date, to: Date): Promise<void> {
  await client.query(
    `WITH staff AS (
       SELECT row_number() OVER (ORDER BY login_id) - 1 AS i, id, office_id FROM users WHERE active AND login_id NOT LIKE 'bench-%'
     )
     INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     SELECT $1 || ':' || g, 'due', $1, 'bench_subject', g::text, s.office_id, '確認の期日です',
            $3::timestamptz + (($4::timestamptz - $3::timestamptz) * g / $2),
            jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', s.id))
       FROM generate_series(1, $2) g JOIN staff s ON s.i = g % (SELECT count(*) FROM staff)`,
    [FAULT_RULE, count, from, to],
  );
}

export interface DeliveryCount {
  rule: string;
  reminders: number;
  delivered: number;
  /** Still scheduled (or failed) after recovery: not delivered. */
  lost: number;
  /** Inbox entries beyond one per recipient. */
  duplicated: number;
  /** Delivered without an inbox entry, or an inbox entry for a reminder not marked delivered. */
  partial: number;
  notifications: number;
}

/** Per rule: how the reminders ended (each of these reminders has exactly one recipient). */
export async function countDeliveries(client: Client, rules: string[]): Promise<DeliveryCount[]> {
  const { rows } = await client.query<DeliveryCount>(
    `WITH n AS (SELECT reminder_id, count(*)::int AS c FROM notifications GROUP BY reminder_id)
     SELECT r.rule,
            count(*)::int AS reminders,
            count(*) FILTER (WHERE r.state = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE r.state <> 'delivered')::int AS lost,
            coalesce(sum(greatest(n.c - 1, 0)), 0)::int AS duplicated,
            count(*) FILTER (WHERE (r.state = 'delivered') <> (n.c IS NOT NULL))::int AS partial,
            coalesce(sum(n.c), 0)::int AS notifications
       FROM reminders r LEFT JOIN n ON n.reminder_id = r.id
      WHERE r.rule = ANY ($1)
      GROUP BY r.rule ORDER BY r.rule`,
    [rules],
  );
  return rows;
}

export async function pendingCount(client: Client, rules: string[]): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE rule = ANY ($1) AND state = 'scheduled'`, [rules]);
  return rows[0].n;
}

/** E-mail bookkeeping: one delivery row per notification of a user with an address, ending sent. */
export async function countMailRows(client: Client, rules: string[]): Promise<{ rows: number; sent: number; pending: number; failed: number; notificationIds: string[] }> {
  const { rows } = await client.query<{ id: string; notification_id: string; state: string }>(
    `SELECT md.id, md.notification_id, md.state FROM mail_deliveries md
       JOIN notifications n ON n.id = md.notification_id JOIN reminders r ON r.id = n.reminder_id
      WHERE r.rule = ANY ($1)`,
    [rules],
  );
  return {
    rows: rows.length,
    sent: rows.filter((r) => r.state === 'sent').length,
    pending: rows.filter((r) => r.state === 'pending').length,
    failed: rows.filter((r) => r.state === 'failed').length,
    notificationIds: rows.filter((r) => r.state === 'sent').map((r) => r.notification_id),
  };
}

import { writesData } from './unstaged-write-guard';

describe('writesData', () => {
  it.each([
    'INSERT INTO short_stay_policies (effective_from) VALUES ($1) RETURNING id',
    '  update users SET failed_logins = 0 WHERE id = $1',
    'DELETE FROM short_stay_policies WHERE id = $1',
    'WITH visit AS (INSERT INTO watch_visits (case_id) VALUES ($1) RETURNING id) SELECT id FROM visit',
    'WITH target AS (SELECT id FROM reminders WHERE key = $1) UPDATE reminders AS r SET state = $2 FROM target WHERE r.id = target.id',
    'WITH settled AS (DELETE FROM audit_outbox WHERE key = ANY ($1)) INSERT INTO audit_events (action) VALUES ($2)',
  ])('finds the write in %s', (sql) => expect(writesData(sql)).toBe(true));

  it.each([
    'SELECT id FROM cases WHERE id = $1',
    'SELECT id FROM watch_visit_plans WHERE case_id = $1 FOR UPDATE',
    'WITH c AS MATERIALIZED (SELECT id FROM cases WHERE id = $1 FOR KEY SHARE OF c) SELECT * FROM c LEFT JOIN LATERAL (SELECT * FROM watch_visit_plans p FOR UPDATE) AS p ON true',
    "SELECT 'INSERT INTO' AS text",
    'START TRANSACTION',
    'COMMIT',
  ])('finds no write in %s', (sql) => expect(writesData(sql)).toBe(false));
});

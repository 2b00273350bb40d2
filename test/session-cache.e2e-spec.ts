import { SessionCache } from '../src/modules/auth/session-cache';
import { createCase } from './factories/casework';
import { TestApp } from './harness/test-app';
import { waitFor } from './harness/wait';

/**
 * Token checks answered from memory (SessionCache) must stop the moment a
 * session or user changes — whoever changes it: here plain SQL on another
 * connection stands for another API process or an operator.
 */
describe('session cache', () => {
  let t: TestApp;
  let cache: SessionCache;
  beforeAll(async () => {
    t = await TestApp.start();
    cache = t.app.get(SessionCache);
    await waitFor(async () => cache.listeningForChanges, (up) => up, { what: 'the LISTEN connection' });
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => t.get('/api/v1/me', { token }).then((r) => r.status);
  const sessionOf = async (token: string): Promise<string> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
  /** SQL that fires no trigger, so sends no notification: what the cache would miss without its LISTEN connection. */
  const silently = async (sql: string, params: unknown[]) => {
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(sql, params);
    });
  };

  it('answers a checked session from memory', async () => {
    const token = await t.login('consultant1');
    expect(await me(token)).toBe(200);
    // Revoked without a notification, the session still passes: the check came from the cache.
    await silently(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1`, [await sessionOf(token)]);
    expect(await me(token)).toBe(200);
    // Any notification about the user drops the entry, and the database says no.
    await t.dataSource.query(`SELECT pg_notify('hagukumi_auth_changed', $1)`, [await t.userId('consultant1')]);
    await waitFor(() => me(token), (status) => status === 401, { timeoutMs: 2_000, intervalMs: 20, what: '401 after the notification' });
  });

  it('a session revoked elsewhere stops passing within moments', async () => {
    const token = await t.login('consultant2');
    expect(await me(token)).toBe(200);
    const revokedAt = Date.now();
    await t.dataSource.query(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1`, [await sessionOf(token)]);
    await waitFor(() => me(token), (status) => status === 401, { timeoutMs: 2_000, intervalMs: 10, what: '401 after the revocation' });
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });

  it('a user deactivated or given other roles elsewhere is checked again', async () => {
    const supervisor = await t.login('supervisor2');
    expect((await t.get('/api/v1/cases', { token: supervisor })).status).toBe(200);
    const id = await t.userId('supervisor2');
    await t.dataSource.query(`UPDATE users SET roles = '{liaison}' WHERE id = $1`, [id]);
    await waitFor(() => t.get('/api/v1/cases', { token: supervisor }).then((r) => r.status), (status) => status === 403, { timeoutMs: 2_000, intervalMs: 10, what: '403 for the new role' });
    await t.dataSource.query(`UPDATE users SET roles = '{supervisor}', active = false WHERE id = $1`, [id]);
    await waitFor(() => me(supervisor), (status) => status === 401, { timeoutMs: 2_000, intervalMs: 10, what: '401 once deactivated' });
    await t.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [id]);
  });

  it("an office's rule for its consultants, changed elsewhere, reaches their lists at once", async () => {
    const nerima = await t.officeId('CFS-NERIMA');
    const token = await t.login('consultant1');
    // A case of the office that consultant1 neither leads nor works on: theirs to see only while the rule is office-wide.
    const other = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: await t.userId('supervisor1') });
    const listed = () => t.get('/api/v1/cases', { token, query: { caseNumber: other.caseNumber } }).then((r) => r.body.items.map((c: { id: string }) => c.id));
    expect(await listed()).toEqual([other.id]);
    try {
      await t.dataSource.query(`UPDATE offices SET consultant_scope = 'assigned' WHERE id = $1`, [nerima]);
      await waitFor(listed, (ids) => ids.length === 0, { timeoutMs: 2_000, intervalMs: 10, what: 'the case to leave the list' });
      // The rule travels with the cached check: changed without a notification, the list keeps the rule it was checked with.
      await silently(`UPDATE offices SET consultant_scope = 'office' WHERE id = $1`, [nerima]);
      expect(await listed()).toEqual([]);
    } finally {
      await silently(`UPDATE offices SET consultant_scope = 'assigned' WHERE id = $1`, [nerima]);
      await t.dataSource.query(`UPDATE offices SET consultant_scope = 'office' WHERE id = $1`, [nerima]);
    }
    await waitFor(listed, (ids) => ids.length === 1, { timeoutMs: 2_000, intervalMs: 10, what: 'the case back on the list' });
  });

  it('without its LISTEN connection it answers nothing, and it reconnects', async () => {
    const token = await t.login('consultant1');
    expect(await me(token)).toBe(200);
    await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hagukumi-auth-listener' AND datname = current_database()`);
    await waitFor(async () => cache.listeningForChanges, (up) => !up, { timeoutMs: 2_000, intervalMs: 10, what: 'the cache to notice' });
    // A change it cannot hear of is seen at once: every check goes to the database.
    await silently(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1`, [await sessionOf(token)]);
    expect(await me(token)).toBe(401);
    await waitFor(async () => cache.listeningForChanges, (up) => up, { timeoutMs: 5_000, what: 'the cache to reconnect' });
    const again = await t.login('consultant1');
    expect(await me(again)).toBe(200);
  });
});

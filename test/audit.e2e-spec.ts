import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { AuditDigestPlpgsql1764900000011 } from '../migrations/1764900000011-audit-digest-plpgsql';
import { verifyAuditChain } from '../src/modules/audit/audit-chain';
import { TestApp } from './harness/test-app';
import { withClient } from './harness/sql';

const exec = promisify(execFile);

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records admin actions with actor, office, request id and client address', async () => {
    const admin = await t.login('admin');
    const created = await t.post('/api/v1/users', {
      token: admin,
      body: { loginId: 'newhire', displayName: '新人 花子', officeId: await t.officeId('CFS-SEKI'), roles: ['consultant'], password: 'a-long-initial-passphrase' },
      headers: { 'x-request-id': 'req-create-newhire' },
    });
    expect(created.status).toBe(201);
    const rows = await t.dataSource.query(`SELECT * FROM audit_events WHERE action = 'user.create'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_login_id: 'admin',
      actor_roles: ['admin'],
      actor_office_id: await t.officeId('CFS-NERIMA'),
      resource_type: 'user',
      resource_id: created.body.id,
      outcome: 'success',
      request_id: 'req-create-newhire',
      client_ip: '127.0.0.1',
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await t.login('auditor');
    await withClient(t.db.url, async (client) => {
      await expect(client.query(`UPDATE audit_events SET action = 'nothing'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    });
  });

  it('chains every event to the previous one; verification finds the first tampered row', async () => {
    const auditor = await t.login('auditor');
    await t.get('/api/v1/audit-events', { token: auditor });
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });

    const [{ id }] = await t.dataSource.query(`SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 1`);
    await withClient(t.db.url, async (client) => {
      // Only someone able to disable the trigger (a superuser) can even try this.
      await client.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_immutable`);
      await client.query(`UPDATE audit_events SET actor_login_id = 'someone-else' WHERE id = $1`, [id]);
      await client.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_immutable`);
    });
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: false, firstBrokenId: Number(id), problem: 'content_altered' });
  });

  it('computes the same digest with the PL/pgSQL function as with the SQL one it replaced', async () => {
    await t.login('auditor');
    const digests = async (client: Client) =>
      (
        await client.query<{ id: string; digest: Buffer; hash: Buffer; actor_login_id: string | null }>(
          `SELECT id, audit_event_digest(prev_hash, e) AS digest, hash, actor_login_id FROM audit_events e ORDER BY id`,
        )
      ).rows;
    await withClient(t.db.url, async (client) => {
      const now = await digests(client);
      expect(now.length).toBeGreaterThan(0);
      await client.query('BEGIN');
      try {
        // The SQL function every hash before migration 1764900000011 was computed with, put back inside a transaction.
        await new AuditDigestPlpgsql1764900000011().down(client as unknown as QueryRunner);
        const before = await digests(client);
        expect((await client.query(`SELECT lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE proname = 'audit_event_digest'`)).rows).toEqual([{ lanname: 'sql' }]);
        expect(before.map((r) => r.digest.toString('hex'))).toEqual(now.map((r) => r.digest.toString('hex')));
      } finally {
        await client.query('ROLLBACK');
      }
      // Every event still matches its stored hash, but the one the tampering test above altered.
      expect(now.filter((r) => !r.digest.equals(r.hash)).map((r) => r.actor_login_id)).toEqual(['someone-else']);
    });
  });

  it('lets auditors page through the log with filters, and nobody else', async () => {
    const auditor = await t.login('auditor');
    const first = await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', limit: 2 } });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect(first.body.items[0]).not.toHaveProperty('hash');
    const second = await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', limit: 2, cursor: first.body.nextCursor } });
    expect(second.status).toBe(200);
    expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));

    for (const loginId of ['admin', 'supervisor1', 'consultant1']) {
      const res = await t.get('/api/v1/audit-events', { token: await t.login(loginId) });
      expect(res.status).toBe(403);
    }
    const denials = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND actor_login_id = 'consultant1'`);
    expect(denials[0].n).toBe(1);
    const bad = await t.get('/api/v1/audit-events', { token: auditor, query: { cursor: 'not-a-cursor!' } });
    expect(bad.status).toBe(400);

    // A day is a day in Japan, whole (to included); an instant needs its offset.
    const today = todayInJapan();
    const latest = await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', limit: 2 } });
    const ofToday = await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', from: today, to: today, limit: 2 } });
    expect(ofToday.body.items.map((e: { id: string }) => e.id)).toEqual(latest.body.items.map((e: { id: string }) => e.id));
    const tomorrow = addDays(today, 1);
    expect((await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', from: tomorrow } })).body.items).toEqual([]);
    expect((await t.get('/api/v1/audit-events', { token: auditor, query: { action: 'auth.login', from: `${today}T00:00:00+09:00`, limit: 2 } })).body.items).toHaveLength(2);
    const unanchored = await t.get('/api/v1/audit-events', { token: auditor, query: { from: `${today}T00:00:00` } });
    expect(unanchored.status).toBe(400);
  });
});

describe('npm run audit:verify', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  // Runs the compiled script exactly as `npm run audit:verify` does (npm test builds first).
  const verify = () =>
    exec('node', ['dist/scripts/audit-verify.js'], { env: { ...process.env, DATABASE_URL: t.db.url, NODE_ENV: 'test' } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('exits 0 on an intact chain and 2 naming the first broken link', async () => {
    await t.login('admin');
    await t.login('consultant1');
    const intact = await verify();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.out).toMatch(/intact: \d+ event/);

    const [{ id }] = await t.dataSource.query(`SELECT max(id) AS id FROM audit_events`);
    await withClient(t.db.url, async (client) => {
      await client.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_immutable`);
      await client.query(`DELETE FROM audit_events WHERE id = $1 - 1`, [id]);
      await client.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_immutable`);
    });
    const broken = await verify();
    expect(broken.code).toBe(2);
    expect(broken.out).toContain(`BROKEN at event id ${id} (link_broken)`);
  });
});

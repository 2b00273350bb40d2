import { verifyAuditChain } from '../src/modules/audit/audit-chain';
import { AuditOutcome } from '../src/modules/audit/audit-event.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { TestApp } from './harness/test-app';

/** Audit events from concurrent requests go out in shared INSERTs; each caller still waits for its own. */
describe('audit batching', () => {
  let t: TestApp;
  let audit: AuditService;
  beforeAll(async () => {
    t = await TestApp.start();
    audit = t.app.get(AuditService);
  });
  afterAll(async () => {
    await t.close();
  });

  const countOf = async (action: string): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1`, [action]))[0].n;

  it('writes every event of 100 concurrent callers in fewer INSERTs, each committed when its caller resumes, chain intact', async () => {
    const inserts: number[] = [];
    const query = t.dataSource.query.bind(t.dataSource);
    const spy = jest.spyOn(t.dataSource, 'query').mockImplementation(async (sql: string, params?: Parameters<typeof query>[1]) => {
      if (sql.startsWith('INSERT INTO audit_events')) inserts.push(((params as unknown[]) ?? []).length / 13);
      return query(sql, params);
    });
    try {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          await audit.record({ action: 'test.batched', outcome: AuditOutcome.Success, resourceType: 'thing', resourceId: String(i) });
          // Resumed only once its own event is in the table.
          const [{ n }] = await query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.batched' AND resource_id = $1`, [String(i)]);
          expect(n).toBe(1);
        }),
      );
    } finally {
      spy.mockRestore();
    }
    expect(await countOf('test.batched')).toBe(100);
    expect(inserts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(inserts.length).toBeLessThan(100);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });
  });

  it("one caller's bad event fails that caller only", async () => {
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => audit.record({ action: 'test.neighbour', outcome: AuditOutcome.Success, resourceId: String(i) })),
      // Breaks the outcome CHECK constraint: the whole shared INSERT fails, then each caller is retried alone.
      audit.record({ action: 'test.bad', outcome: 'not-an-outcome' as AuditOutcome }),
      ...Array.from({ length: 10 }, (_, i) => audit.record({ action: 'test.neighbour', outcome: AuditOutcome.Success, resourceId: String(10 + i) })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[10].status).toBe('rejected');
    expect(await countOf('test.neighbour')).toBe(20);
    expect(await countOf('test.bad')).toBe(0);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });
  });

  it('inside a transaction the event commits or rolls back with it, unbatched', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record({ action: 'test.in_tx', outcome: AuditOutcome.Success }, manager);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await countOf('test.in_tx')).toBe(0);
  });
});

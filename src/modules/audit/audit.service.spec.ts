import { DataSource } from 'typeorm';
import { AuditOutcome } from './audit-event.entity';
import { AuditService } from './audit.service';

/** A data source whose first `failures` statements fail as when PostgreSQL is unreachable. */
function unreachableFor(failures: number): { dataSource: DataSource; statements: unknown[][] } {
  const statements: unknown[][] = [];
  let left = failures;
  const dataSource = {
    query: async (_sql: string, params: unknown[]) => {
      statements.push(params);
      if (left-- > 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return [];
    },
  };
  return { dataSource: dataSource as unknown as DataSource, statements };
}

const write = { action: 'watch_visit.record', outcome: AuditOutcome.Success, resourceType: 'watch_visit', resourceId: 'v1' };
const read = { action: 'case.read', outcome: AuditOutcome.Success, resourceType: 'case', resourceId: 'c1' };

describe('AuditService while the database is unreachable', () => {
  it("retries a committed change's events until the database answers", async () => {
    const { dataSource, statements } = unreachableFor(2);
    await new AuditService(dataSource).recordCommitted([write]);
    expect(statements).toHaveLength(3);
  });

  it('fails other events at once, even when they share a batch with a committed change', async () => {
    const { dataSource, statements } = unreachableFor(2);
    const audit = new AuditService(dataSource);
    const committed = audit.recordCommitted([write]);
    // Queued while the first attempt is in flight: it joins the committed change's second attempt.
    const other = audit.record(read);
    const outcomes = await Promise.allSettled([committed, other]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    const actions = statements.map((params) => params.filter((p) => p === 'watch_visit.record' || p === 'case.read'));
    expect(actions).toEqual([['watch_visit.record'], ['watch_visit.record', 'case.read'], ['watch_visit.record']]);
  });
});

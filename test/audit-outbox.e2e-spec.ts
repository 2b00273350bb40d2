import { verifyAuditChain } from '../src/modules/audit/audit-chain';
import { AuditOutboxSweeper } from '../src/modules/audit/audit-outbox-sweeper';
import { AuditOutcome } from '../src/modules/audit/audit-event.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { UnstagedWriteGuard } from '../src/modules/audit/unstaged-write-guard';
import { runWithWriteAudit, WriteAudit } from '../src/modules/audit/write-audit';
import { createCaseWithChild, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';

jest.setTimeout(60_000);

/**
 * A write's audit event is appended after its transaction commits; what the
 * transaction staged in audit_outbox makes sure a committed change is never
 * left without its event, whatever happens to the API process in between.
 */
describe('audit outbox', () => {
  let t: TestApp;
  let worker: TestWorker;
  let audit: AuditService;
  let sweeper: AuditOutboxSweeper;
  let nerima: string;
  let consultant1: string;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start();
    audit = t.app.get(AuditService);
    worker = await TestWorker.start(t.config);
    // The worker's own sweeper (its timer runs every minute; the tests call it with a chosen clock).
    sweeper = worker.app.get(AuditOutboxSweeper);
    nerima = await t.officeId('CFS-NERIMA');
    consultant1 = await t.userId('consultant1');
    token = await t.login('consultant1');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const staged = (): Promise<Array<Record<string, unknown>>> =>
    t.dataSource.query(`SELECT action, resource_type, resource_id, actor_login_id, actor_user_id, request_id FROM audit_outbox ORDER BY staged_at`);
  const events = (resourceId: string): Promise<Array<{ action: string; outcome: string; details: Record<string, unknown> | null }>> =>
    t.dataSource.query(`SELECT action, outcome, details FROM audit_events WHERE resource_id = $1 AND action LIKE 'case.%' ORDER BY id`, [resourceId]);
  const labelOf = async (caseId: string): Promise<string> => (await t.dataSource.query(`SELECT label FROM cases WHERE id = $1`, [caseId]))[0].label;
  const newCase = () => createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });

  it('a committed write leaves one event and nothing staged', async () => {
    const { id } = await newCase();
    const res = await t.patch(`/api/v1/cases/${id}`, { token, body: { label: '更新 世帯', version: 1 } });
    expect(res.status).toBe(200);
    expect(await events(id)).toEqual([{ action: 'case.update', outcome: 'success', details: null }]);
    expect(await staged()).toEqual([]);
  });

  it('concurrent writes each stage and settle a row of their own', async () => {
    const cases = await Promise.all(Array.from({ length: 20 }, () => newCase()));
    const appended = jest.spyOn(audit, 'recordCommitted');
    const answers = await Promise.all(cases.map(({ id }, i) => t.patch(`/api/v1/cases/${id}`, { token, body: { label: `同時 ${i}`, version: 1 } })));
    expect(answers.map((a) => a.status)).toEqual(cases.map(() => 200));
    const keys = appended.mock.calls.map(([, key]) => key);
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(20);
    expect(keys.every((key) => typeof key === 'string')).toBe(true);
    for (const { id } of cases) expect(await events(id)).toEqual([{ action: 'case.update', outcome: 'success', details: null }]);
    expect(await staged()).toEqual([]);
  });

  it('a write that rolls back stages nothing', async () => {
    const { id } = await newCase();
    const stale = await t.patch(`/api/v1/cases/${id}`, { token, body: { label: '古い版', version: 7 } });
    expect(stale.status).toBe(409);
    expect(await labelOf(id)).not.toBe('古い版');
    expect(await events(id)).toEqual([expect.objectContaining({ action: 'case.update', outcome: 'denied' })]);
    expect(await staged()).toEqual([]);
  });

  it('when nothing can be appended after the commit, the row staged in the transaction is the trace, and the worker makes it the event', async () => {
    const { id } = await newCase();
    // The database answers the write's transaction, then nothing more from this process (as if it had died): the API answers 503.
    const gone = new Error('connection terminated');
    jest.spyOn(audit, 'recordCommitted').mockRejectedValue(gone);
    jest.spyOn(audit, 'record').mockRejectedValue(gone);
    jest.spyOn(audit, 'recordStaged').mockRejectedValue(gone);
    const res = await t.patch(`/api/v1/cases/${id}`, { token, body: { label: '途中 世帯', version: 1 } });
    jest.restoreAllMocks();
    expect(res.status).toBe(503);

    expect(await labelOf(id)).toBe('途中 世帯');
    expect(await events(id)).toEqual([]);
    expect(await staged()).toEqual([
      { action: 'case.update', resource_type: 'case', resource_id: id, actor_login_id: 'consultant1', actor_user_id: consultant1, request_id: expect.any(String) },
    ]);

    // A fresh row is left alone: its own append may still be on its way.
    expect(await sweeper.sweep()).toBe(0);
    expect(await sweeper.sweep(new Date(Date.now() + t.config.auditOutboxRecoverAfterMs + 1_000))).toBe(1);
    expect(await staged()).toEqual([]);
    expect(await events(id)).toEqual([{ action: 'case.update', outcome: 'success', details: { recoveredFromOutbox: true } }]);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });
  });

  /** Makes the next append of staged events commit, then fail as if the connection dropped before its answer came back. */
  const loseTheAnswerOfTheNextAppend = () => {
    // The service's one statement for a batch (private): the real one runs, and its answer is lost.
    const service = audit as unknown as { insert: (batch: Array<{ outboxKey?: string }>) => Promise<void> };
    const insert = service.insert.bind(audit);
    return jest.spyOn(service, 'insert').mockImplementation(async (batch) => {
      await insert(batch);
      if (!batch.some((pending) => pending.outboxKey)) return;
      jest.restoreAllMocks();
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    });
  };

  it('an append that committed but lost its answer is retried without writing its events twice', async () => {
    const { id } = await newCase();
    const lost = loseTheAnswerOfTheNextAppend();
    const res = await t.patch(`/api/v1/cases/${id}`, { token, body: { label: '再送 世帯', version: 1 } });
    expect(lost).toHaveBeenCalled();
    expect(res.status).toBe(200);
    expect(await events(id)).toEqual([{ action: 'case.update', outcome: 'success', details: null }]);
    expect(await staged()).toEqual([]);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });
  });

  it('an append that comes after the worker recovered its staged row adds the other events only', async () => {
    const { id } = await newCase();
    const mother = await createPerson(t.dataSource, { officeId: nerima, kind: 'guardian', birthDate: '1990-04-01' });
    // The append is slow to come (the database was down for a while): the worker has recovered the row meanwhile.
    jest.spyOn(audit, 'recordCommitted').mockImplementationOnce(async (events, key) => {
      expect(await sweeper.sweep(new Date(Date.now() + t.config.auditOutboxRecoverAfterMs + 1_000))).toBe(1);
      jest.restoreAllMocks();
      return audit.recordCommitted(events, key);
    });
    const res = await t.post(`/api/v1/cases/${id}/members`, { token, body: { personId: mother, relationship: 'mother' } });
    expect(res.status).toBe(200);
    // The case's event (the one the staged row stands for) once, from the worker; the member's, which has no staged row, from the append.
    expect(await events(id)).toEqual([{ action: 'case.member_add', outcome: 'success', details: { recoveredFromOutbox: true } }]);
    const member: unknown[] = await t.dataSource.query(`SELECT action, resource_type, outcome FROM audit_events WHERE resource_id = $1`, [mother]);
    expect(member).toEqual([{ action: 'case.member_add', resource_type: 'person', outcome: 'success' }]);
    expect(await staged()).toEqual([]);
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true });
  });

  it('a created record is named by its staged row (the service notes its id inside the transaction)', async () => {
    const gone = new Error('connection terminated');
    jest.spyOn(audit, 'recordCommitted').mockRejectedValue(gone);
    jest.spyOn(audit, 'record').mockRejectedValue(gone);
    jest.spyOn(audit, 'recordStaged').mockRejectedValue(gone);
    const res = await t.post('/api/v1/cases', { token, body: { label: '新規 世帯', supportLevel: 'general' } });
    jest.restoreAllMocks();
    expect(res.status).toBe(503);
    const [created] = await t.dataSource.query(`SELECT id FROM cases WHERE label = '新規 世帯'`);
    expect(await staged()).toEqual([expect.objectContaining({ action: 'case.create', resource_type: 'case', resource_id: created.id })]);
    expect(await sweeper.sweep(new Date(Date.now() + t.config.auditOutboxRecoverAfterMs + 1_000))).toBe(1);
    expect(await events(created.id)).toEqual([{ action: 'case.create', outcome: 'success', details: { recoveredFromOutbox: true } }]);
  });

  it.each([
    ['office.create', '/api/v1/offices', { code: 'HC-OUTBOX', name: '監査保健相談所', type: 'health_center' }, `SELECT id FROM offices WHERE code = 'HC-OUTBOX'`],
    ['measure_target.create', '/api/v1/measure-targets', { fiscalYear: 2031, measureCode: 'postpartum_care.sites', targetValue: 3 }, `SELECT id FROM measure_targets WHERE fiscal_year = 2031`],
    [
      'short_stay_policy.create',
      '/api/v1/short-stay-policies',
      { effectiveFrom: '2031-04-01', minAge: 0, maxAge: 17, maxNightsPerStay: 7, maxNightsPerMonth: 14, extensionRequiresApproval: true },
      `SELECT id FROM short_stay_policies WHERE effective_from = '2031-04-01'`,
    ],
    [
      'short_stay_fee_rate.create',
      '/api/v1/short-stay-fee-rates',
      { facilityType: 'childrens_home', householdStatus: 'taxed', effectiveFrom: '2031-04-01', dailyFeeYen: 3500 },
      `SELECT id FROM short_stay_fee_rates WHERE effective_from = '2031-04-01'`,
    ],
  ])('an admin’s %s commits in a transaction whose staged row names the new record', async (action, path, body, findCreated) => {
    const admin = await t.login('admin');
    jest.spyOn(audit, 'recordCommitted').mockRejectedValue(new Error('connection terminated'));
    jest.spyOn(audit, 'recordStaged').mockRejectedValue(new Error('connection terminated'));
    const res = await t.post(path, { token: admin, body });
    jest.restoreAllMocks();
    expect(res.status).toBe(503);
    const [created] = await t.dataSource.query(findCreated);
    expect(await staged()).toEqual([expect.objectContaining({ action, resource_id: created.id })]);
    expect(await sweeper.sweep(new Date(Date.now() + t.config.auditOutboxRecoverAfterMs + 1_000))).toBe(1);
    const [recovered] = await t.dataSource.query(`SELECT action, resource_id, details FROM audit_events WHERE action = $1 AND outcome = 'success'`, [action]);
    expect(recovered).toEqual({ action, resource_id: created.id, details: { recoveredFromOutbox: true } });
  });

  it('a request that fails after its transaction committed records the failure and, from the staged row, the change', async () => {
    const { id } = await newCase();
    jest.spyOn(audit, 'recordCommitted').mockRejectedValueOnce(new Error('append failed'));
    const res = await t.patch(`/api/v1/cases/${id}`, { token, body: { label: '変更済み', version: 1 } });
    expect(res.status).toBe(500);
    expect(await labelOf(id)).toBe('変更済み');
    expect(await events(id)).toEqual([
      expect.objectContaining({ action: 'case.update', outcome: 'error' }),
      { action: 'case.update', outcome: 'success', details: { recoveredFromOutbox: true } },
    ]);
    expect(await staged()).toEqual([]);
  });

  it('only a transaction that changed something stages the row', async () => {
    const writeAudit = new WriteAudit(() => ({ action: 'test.write', outcome: AuditOutcome.Success, resourceType: 'thing', resourceId: 'x' }));
    await runWithWriteAudit(writeAudit, () => t.dataSource.transaction((m) => m.query(`SELECT count(*) FROM cases`)));
    expect(writeAudit.staged).toBe(false);
    expect(await staged()).toEqual([]);
    // A transaction id is what a change gets; asking for one stands in for a write here.
    await runWithWriteAudit(writeAudit, () => t.dataSource.transaction((m) => m.query(`SELECT pg_current_xact_id()`)));
    expect(writeAudit.staged).toBe(true);
    expect(await staged()).toEqual([expect.objectContaining({ action: 'test.write', resource_id: 'x' })]);
    await audit.recordStaged([writeAudit.key]);
    expect(await staged()).toEqual([]);
  });

  it('a write outside any transaction, which nothing stages, is caught by the guard', async () => {
    const guard = t.app.get(UnstagedWriteGuard);
    const { id } = await newCase();
    const writeAudit = new WriteAudit(() => ({ action: 'test.write', outcome: AuditOutcome.Success, resourceType: 'case', resourceId: id }));
    await runWithWriteAudit(writeAudit, () => t.dataSource.transaction((m) => m.query(`UPDATE cases SET label = '取引内' WHERE id = $1`, [id])));
    await runWithWriteAudit(writeAudit, () => t.dataSource.query(`SELECT label FROM cases WHERE id = $1`, [id]));
    expect(guard.takeUnstagedWrites()).toEqual(new Map());
    await runWithWriteAudit(writeAudit, () => t.dataSource.query(`UPDATE cases SET label = '取引外' WHERE id = $1`, [id]));
    expect(guard.takeUnstagedWrites()).toEqual(new Map([['test.write', 1]]));
    await audit.recordStaged([writeAudit.key]);
  });

  it('reads stage nothing', async () => {
    const { id } = await newCase();
    expect((await t.get(`/api/v1/cases/${id}`, { token })).status).toBe(200);
    expect(await staged()).toEqual([]);
  });
});

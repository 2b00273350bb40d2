import { getDataSourceToken } from '@nestjs/typeorm';
import { AccessService } from '../src/common/access/access.service';
import { Actor } from '../src/common/auth/actor';
import { Role } from '../src/common/auth/roles';
import { createCase } from './factories/casework';
import { TestApp } from './harness/test-app';

/**
 * The single-record check (`caseAccess`) and the list condition
 * (`caseScopeCondition`) must agree on every case for every kind of user,
 * or a list could show what a detail page hides (or the reverse).
 */
describe('case scope: single-record check and list condition agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('for every actor × case combination', async () => {
    const access = t.app.get(AccessService);
    const db = t.app.get(getDataSourceToken());
    const nerima = await t.officeId('CFS-NERIMA');
    const nukui = await t.officeId('CFS-NUKUI');
    const consultant1 = await t.userId('consultant1');
    const supervisor1 = await t.userId('supervisor1');
    const consultant2 = await t.userId('consultant2');
    // A colleague of consultant1 to assign cases to.
    await db.query(`INSERT INTO users (login_id, display_name, office_id, roles, password_hash) VALUES ('colleague', '同僚', $1, '{consultant}', 'x')`, [nerima]);
    const colleague = await t.userId('colleague');

    const cases = {
      open: await createCase(db, { officeId: nerima, leadWorkerId: colleague }),
      mine: await createCase(db, { officeId: nerima, leadWorkerId: consultant1 }),
      coWorked: await createCase(db, { officeId: nerima, leadWorkerId: colleague, coWorkerIds: [consultant1] }),
      closed: await createCase(db, { officeId: nerima, leadWorkerId: colleague, status: 'closed' }),
      restricted: await createCase(db, { officeId: nerima, leadWorkerId: colleague, restricted: true }),
      restrictedMine: await createCase(db, { officeId: nerima, leadWorkerId: consultant1, restricted: true }),
      otherOffice: await createCase(db, { officeId: nukui, leadWorkerId: consultant2 }),
      sharedToNerima: await createCase(db, { officeId: nukui, leadWorkerId: consultant2, sharedWithOfficeIds: [nerima] }),
      sharedRestricted: await createCase(db, { officeId: nukui, leadWorkerId: consultant2, restricted: true, sharedWithOfficeIds: [nerima] }),
    };
    const actor = (userId: string, officeId: string, roles: Role[]): Actor => ({ userId, loginId: 'x', officeId, roles, sessionId: 's' });
    const actors: Record<string, Actor> = {
      consultant1: actor(consultant1, nerima, [Role.Consultant]),
      supervisor1: actor(supervisor1, nerima, [Role.Supervisor]),
      consultant2: actor(consultant2, nukui, [Role.Consultant]),
      liaison: actor(await t.userId('liaison'), nerima, [Role.Liaison]),
      admin: actor(await t.userId('admin'), nerima, [Role.Admin]),
    };

    // As a token check makes them: with the office's consultant rule read alongside, which the scope SQL then states.
    const signedIn = async (): Promise<Record<string, Actor>> => {
      const rules = new Map<string, 'office' | 'assigned'>((await db.query(`SELECT id, consultant_scope FROM offices`)).map((o: { id: string; consultant_scope: 'office' | 'assigned' }) => [o.id, o.consultant_scope]));
      return Object.fromEntries(Object.entries(actors).map(([name, a]) => [`${name} (signed in)`, { ...a, consultantScope: rules.get(a.officeId) }]));
    };

    const check = async () => {
      for (const [actorName, a] of Object.entries({ ...actors, ...(await signedIn()) })) {
        const scope = access.caseScopeCondition(a, 'c');
        const listed = new Set(
          (await db.createQueryBuilder().select('c.id', 'id').from('cases', 'c').where(scope.sql, scope.params).getRawMany()).map((r: { id: string }) => r.id),
        );
        for (const [caseName, c] of Object.entries(cases)) {
          const level = (await access.caseAccess(db.manager, a, c.id)).level;
          const visibleInDetail = level === 'full' || level === 'read_only';
          expect({ actor: actorName, case: caseName, listed: listed.has(c.id) }).toEqual({ actor: actorName, case: caseName, listed: visibleInDetail });
        }
      }
    };
    await check();
    expect((await access.caseAccess(db.manager, actors.consultant1, cases.restricted.id)).level).toBe('break_glass_required');

    // The office switches to "assigned cases only": consultant1 loses the office-wide open case.
    await db.query(`UPDATE offices SET consultant_scope = 'assigned' WHERE id = $1`, [nerima]);
    await check();
    expect((await access.caseAccess(db.manager, actors.consultant1, cases.open.id)).level).toBe('none');
  });
});

import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../src/common/access/access.service';
import { Actor } from '../src/common/auth/actor';
import { Role } from '../src/common/auth/roles';
import { createCase, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';

jest.setTimeout(60_000);

/**
 * Person scope: the single-record check (`personAccess`) and the list
 * conditions (`personScopeCondition`, `personWriteCondition`) agree for
 * every actor and every kind of person, and the expected table holds —
 * in particular, members of a restricted case the caller cannot open do not
 * leak through the office that registered them.
 */
describe('person scope: single-record check and list condition agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('for every actor × person combination', async () => {
    const access = t.app.get(AccessService);
    const db = t.app.get<DataSource>(getDataSourceToken());
    const nerima = await t.officeId('CFS-NERIMA');
    const nukui = await t.officeId('CFS-NUKUI');
    const consultant1 = await t.userId('consultant1');
    const consultant2 = await t.userId('consultant2');
    await db.query(`INSERT INTO users (login_id, display_name, office_id, roles, password_hash) VALUES ('colleague', '同僚', $1, '{consultant}', 'x')`, [nerima]);
    const colleague = await t.userId('colleague');

    const person = (officeId: string) => createPerson(db, { officeId });
    const persons = {
      registeredNoCase: await person(nerima),
      openCaseMember: await person(nerima),
      closedCaseMember: await person(nerima),
      restrictedOnly: await person(nerima),
      restrictedAndOpen: await person(nerima),
      restrictedMine: await person(nerima),
      restrictedNoLead: await person(nerima),
      otherOffice: await person(nukui),
      otherOfficeSharedCase: await person(nukui),
      otherOfficeSharedRestricted: await person(nukui),
    };
    const member = (personId: string) => [{ personId, relationship: 'child' }];
    await createCase(db, { officeId: nerima, leadWorkerId: colleague, members: [...member(persons.openCaseMember), ...member(persons.restrictedAndOpen)] });
    await createCase(db, { officeId: nerima, leadWorkerId: colleague, status: 'closed', members: member(persons.closedCaseMember) });
    await createCase(db, { officeId: nerima, leadWorkerId: colleague, restricted: true, members: [...member(persons.restrictedOnly), ...member(persons.restrictedAndOpen)] });
    await createCase(db, { officeId: nerima, leadWorkerId: consultant1, restricted: true, members: member(persons.restrictedMine) });
    // No lead worker yet (a transfer accepted without one): the scope's "my case?" is unknown (NULL), not false.
    await createCase(db, { officeId: nerima, leadWorkerId: null, restricted: true, members: member(persons.restrictedNoLead) });
    await createCase(db, { officeId: nukui, leadWorkerId: consultant2, members: member(persons.otherOffice) });
    await createCase(db, { officeId: nukui, leadWorkerId: consultant2, sharedWithOfficeIds: [nerima], members: member(persons.otherOfficeSharedCase) });
    await createCase(db, { officeId: nukui, leadWorkerId: consultant2, restricted: true, sharedWithOfficeIds: [nerima], members: member(persons.otherOfficeSharedRestricted) });

    const actor = (userId: string, officeId: string, roles: Role[]): Actor => ({ userId, loginId: 'x', officeId, roles, sessionId: 's' });
    const actors: Record<string, Actor> = {
      consultant1: actor(consultant1, nerima, [Role.Consultant]),
      supervisor1: actor(await t.userId('supervisor1'), nerima, [Role.Supervisor]),
      consultant2: actor(consultant2, nukui, [Role.Consultant]),
      liaison: actor(await t.userId('liaison'), nerima, [Role.Liaison]),
      admin: actor(await t.userId('admin'), nerima, [Role.Admin]),
    };

    const levels = async (): Promise<Record<string, Record<string, string>>> => {
      const table: Record<string, Record<string, string>> = {};
      for (const [actorName, a] of Object.entries(actors)) {
        const visible = access.personScopeCondition(a, 'p');
        const writable = access.personWriteCondition(a, 'p');
        const listed = new Set((await db.createQueryBuilder().select('p.id', 'id').from('persons', 'p').where(visible.sql, visible.params).getRawMany<{ id: string }>()).map((r) => r.id));
        const editable = new Set((await db.createQueryBuilder().select('p.id', 'id').from('persons', 'p').where(writable.sql, writable.params).getRawMany<{ id: string }>()).map((r) => r.id));
        // The search partitions (own office / seen through cases elsewhere) lose nobody the scope allows.
        const partitioned = new Set<string>();
        for (const part of access.personSearchPartitions(a, 'p')) {
          const rows = await db.createQueryBuilder().select('p.id', 'id').from('persons', 'p').where(part.sql, part.params).andWhere(visible.sql, visible.params).getRawMany<{ id: string }>();
          rows.forEach((r) => partitioned.add(r.id));
        }
        expect({ actor: actorName, partitioned: [...partitioned].sort() }).toEqual({ actor: actorName, partitioned: [...listed].sort() });
        table[actorName] = {};
        for (const [personName, id] of Object.entries(persons)) {
          const { level } = await access.personAccess(db.manager, a, id);
          const fromLists = editable.has(id) ? 'full' : listed.has(id) ? 'read_only' : 'none';
          expect({ actor: actorName, person: personName, level }).toEqual({ actor: actorName, person: personName, level: fromLists });
          table[actorName][personName] = level;
        }
      }
      return table;
    };

    const table = await levels();
    expect(table.consultant1).toEqual({
      registeredNoCase: 'full',
      openCaseMember: 'full',
      closedCaseMember: 'full',
      restrictedOnly: 'none',
      restrictedAndOpen: 'full',
      restrictedMine: 'full',
      restrictedNoLead: 'none',
      otherOffice: 'none',
      otherOfficeSharedCase: 'read_only',
      otherOfficeSharedRestricted: 'none',
    });
    expect(table.supervisor1).toEqual({
      registeredNoCase: 'full',
      openCaseMember: 'full',
      closedCaseMember: 'full',
      restrictedOnly: 'full',
      restrictedAndOpen: 'full',
      restrictedMine: 'full',
      restrictedNoLead: 'full',
      otherOffice: 'none',
      otherOfficeSharedCase: 'read_only',
      otherOfficeSharedRestricted: 'read_only',
    });
    expect(Object.values(table.consultant2).filter((l) => l !== 'none')).toHaveLength(3);
    expect(Object.values(table.liaison).every((l) => l === 'none')).toBe(true);
    expect(Object.values(table.admin).every((l) => l === 'none')).toBe(true);

    // A break-glass grant opens the restricted case, and with it its members.
    const [restrictedCase] = await db.query(`SELECT m.case_id FROM case_members m WHERE m.person_id = $1`, [persons.restrictedOnly]);
    await db.query(`INSERT INTO case_access_grants (case_id, user_id, reason, expires_at) VALUES ($1, $2, '緊急対応のため', now() + interval '1 hour')`, [restrictedCase.case_id, consultant1]);
    expect((await levels()).consultant1.restrictedOnly).toBe('full');

    // A family registered here moves to another office: that office sees them through the case (search partition included).
    const [movedCase] = await db.query(`SELECT m.case_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.person_id = $1 AND NOT c.restricted`, [persons.openCaseMember]);
    await db.query(`UPDATE cases SET office_id = $2, case_number = 'MOVED-1' WHERE id = $1`, [movedCase.case_id, nukui]);
    expect((await levels()).consultant2.openCaseMember).toBe('full');

    // Office policy "assigned only": still consistent between the two.
    await db.query(`UPDATE offices SET consultant_scope = 'assigned' WHERE id = $1`, [nerima]);
    await levels();
  });

  it('keeps persons.in_restricted_case exact as memberships and restrictions change', async () => {
    const db = t.app.get<DataSource>(getDataSourceToken());
    const nerima = await t.officeId('CFS-NERIMA');
    const lead = await t.userId('consultant2');
    const flag = async (personId: string) => (await db.query(`SELECT in_restricted_case AS f FROM persons WHERE id = $1`, [personId]))[0].f as boolean;
    const child = await createPerson(db, { officeId: nerima });
    expect(await flag(child)).toBe(false);

    const open = await createCase(db, { officeId: nerima, leadWorkerId: lead, members: [{ personId: child, relationship: 'child' }] });
    expect(await flag(child)).toBe(false);
    const restricted = await createCase(db, { officeId: nerima, leadWorkerId: lead, restricted: true, members: [{ personId: child, relationship: 'child' }] });
    expect(await flag(child)).toBe(true);

    // Leaving the restricted case clears it; the open case alone does not set it.
    await db.query(`DELETE FROM case_members WHERE case_id = $1 AND person_id = $2`, [restricted.id, child]);
    expect(await flag(child)).toBe(false);
    // Restricting the open case sets it, lifting the restriction clears it.
    await db.query(`UPDATE cases SET restricted = true WHERE id = $1`, [open.id]);
    expect(await flag(child)).toBe(true);
    await db.query(`UPDATE cases SET restricted = false WHERE id = $1`, [open.id]);
    expect(await flag(child)).toBe(false);
    // A membership moved onto another person moves the flag with it.
    const other = await createPerson(db, { officeId: nerima });
    await db.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [restricted.id, child]);
    await db.query(`UPDATE case_members SET person_id = $3 WHERE case_id = $1 AND person_id = $2`, [restricted.id, child, other]);
    expect([await flag(child), await flag(other)]).toEqual([false, true]);
  });

  it('keeps the flag set when one transaction joins a restricted case while another leaves a different one', async () => {
    const db = t.app.get<DataSource>(getDataSourceToken());
    const nerima = await t.officeId('CFS-NERIMA');
    const lead = await t.userId('consultant2');
    const person = await createPerson(db, { officeId: nerima });
    const first = await createCase(db, { officeId: nerima, leadWorkerId: lead, restricted: true, members: [{ personId: person, relationship: 'child' }] });
    const second = await createCase(db, { officeId: nerima, leadWorkerId: lead, restricted: true, members: [] });
    const joining = db.createQueryRunner();
    const leaving = db.createQueryRunner();
    await Promise.all([joining.connect(), leaving.connect()]);
    try {
      await joining.startTransaction();
      await leaving.startTransaction();
      // Joins the second restricted case: the flag is already set, so nothing changes — but the person is locked.
      await joining.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [second.id, person]);
      // Leaves the first one meanwhile: judged alone from its snapshot this would clear the flag. Wait until that
      // statement has either finished (what the unlocked version did) or is waiting for the person's lock.
      const [{ pid }] = await leaving.query(`SELECT pg_backend_pid() AS pid`);
      let finished = false;
      const left = leaving.query(`DELETE FROM case_members WHERE case_id = $1 AND person_id = $2`, [first.id, person]).then(() => (finished = true));
      for (const deadline = Date.now() + 10_000; !finished && Date.now() < deadline; ) {
        const [waiting] = await db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid]);
        if (waiting) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await joining.commitTransaction();
      await left;
      await leaving.commitTransaction();
    } finally {
      await Promise.all([joining.release(), leaving.release()]);
    }
    const [{ f }] = await db.query(`SELECT in_restricted_case AS f FROM persons WHERE id = $1`, [person]);
    expect(f).toBe(true);
  });
});

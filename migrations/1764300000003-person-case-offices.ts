import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search candidates for persons seen by an office other than the one that
 * registered them (a family that moved in, a case shared by a transfer): the
 * offices whose cases — held or shared — have the person as a member. Kept
 * by insert-only triggers; a stale row is harmless, because person search
 * applies the exact scope condition to every candidate (AccessService). It
 * lets the search read the registering office's rows through the ordered
 * (office, kana) index and this small set, instead of checking every person
 * of the ward against every case in scope.
 */
export class PersonCaseOffices1764300000003 implements MigrationInterface {
  name = 'PersonCaseOffices1764300000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE person_case_offices (
        office_id uuid NOT NULL REFERENCES offices (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        PRIMARY KEY (office_id, person_id)
      )`);
    // Pairs (person, office) for the given cases' members where the office did not register the person.
    await db.query(`
      CREATE FUNCTION person_case_offices_add(p_case_ids uuid[]) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO person_case_offices (office_id, person_id)
        SELECT x.office_id, m.person_id
          FROM case_members m
          JOIN persons p ON p.id = m.person_id
          JOIN (SELECT c.id AS case_id, c.office_id FROM cases c WHERE c.id = ANY (p_case_ids)
                UNION SELECT s.case_id, s.office_id FROM case_office_shares s WHERE s.case_id = ANY (p_case_ids)) x ON x.case_id = m.case_id
         WHERE x.office_id <> p.office_id
        ON CONFLICT DO NOTHING
      $$`);
    await db.query(`
      CREATE FUNCTION person_case_offices_on_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        -- NEW has an id on cases and a case_id on the other two tables; each field is read only where it exists.
        IF TG_TABLE_NAME = 'cases' THEN
          PERFORM person_case_offices_add(ARRAY[NEW.id]);
        ELSE
          PERFORM person_case_offices_add(ARRAY[NEW.case_id]);
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`CREATE TRIGGER person_case_offices_members AFTER INSERT ON case_members FOR EACH ROW EXECUTE FUNCTION person_case_offices_on_change()`);
    await db.query(`CREATE TRIGGER person_case_offices_shares AFTER INSERT OR UPDATE ON case_office_shares FOR EACH ROW EXECUTE FUNCTION person_case_offices_on_change()`);
    await db.query(`CREATE TRIGGER person_case_offices_moves AFTER UPDATE OF office_id ON cases FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id) EXECUTE FUNCTION person_case_offices_on_change()`);
    await db.query(`SELECT person_case_offices_add(ARRAY(SELECT id FROM cases))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER person_case_offices_moves ON cases`);
    await db.query(`DROP TRIGGER person_case_offices_shares ON case_office_shares`);
    await db.query(`DROP TRIGGER person_case_offices_members ON case_members`);
    await db.query(`DROP FUNCTION person_case_offices_on_change()`);
    await db.query(`DROP FUNCTION person_case_offices_add(uuid[])`);
    await db.query(`DROP TABLE person_case_offices`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `persons.in_restricted_case`: the person is a member of at least one
 * restricted case. Person scope hides the members of a restricted case the
 * caller cannot open, which took a look-up of the person's cases for every
 * candidate row: a search matching 16k persons of an office spent about 1 s
 * of database CPU on it (EXPLAIN ANALYZE at the 1m scale). Only the flagged
 * few need that look-up now; the flag is in the office/kana index, so the
 * rest is decided from the index alone. Triggers keep it exact: membership
 * added, removed or moved, and a case restricted or unrestricted.
 */
export class PersonsInRestrictedCase1764900000000 implements MigrationInterface {
  name = 'PersonsInRestrictedCase1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE persons ADD COLUMN in_restricted_case boolean NOT NULL DEFAULT false`);
    // Lock first, then compute, in separate statements: two transactions changing the memberships of one person
    // in different cases (not serialised by the case locks) would otherwise each judge the flag from a snapshot
    // without the other's change, and the last to commit could clear a flag the other needed set. The lock
    // makes the second wait; its next statement then sees the first one's committed rows.
    await db.query(`
      CREATE FUNCTION persons_in_restricted_case_refresh(p_person_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM persons WHERE id = ANY (p_person_ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE persons p
           SET in_restricted_case = x.flag
          FROM (SELECT q.id, EXISTS (SELECT 1 FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.person_id = q.id AND c.restricted) AS flag
                  FROM persons q WHERE q.id = ANY (p_person_ids)) x
         WHERE p.id = x.id AND p.in_restricted_case IS DISTINCT FROM x.flag;
      END
      $$`);
    await db.query(`
      CREATE FUNCTION persons_in_restricted_case_on_member() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM persons_in_restricted_case_refresh(ARRAY[NEW.person_id]);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM persons_in_restricted_case_refresh(ARRAY[OLD.person_id]);
        ELSE
          PERFORM persons_in_restricted_case_refresh(ARRAY[OLD.person_id, NEW.person_id]);
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER persons_in_restricted_case_members AFTER INSERT OR DELETE OR UPDATE OF person_id, case_id ON case_members
      FOR EACH ROW EXECUTE FUNCTION persons_in_restricted_case_on_member()`);
    await db.query(`
      CREATE FUNCTION persons_in_restricted_case_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM persons_in_restricted_case_refresh(ARRAY(SELECT m.person_id FROM case_members m WHERE m.case_id = NEW.id));
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER persons_in_restricted_case_cases AFTER UPDATE OF restricted ON cases
      FOR EACH ROW WHEN (OLD.restricted IS DISTINCT FROM NEW.restricted) EXECUTE FUNCTION persons_in_restricted_case_on_case()`);
    await db.query(`
      UPDATE persons SET in_restricted_case = true
       WHERE id IN (SELECT m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.restricted)`);
    await db.query(`DROP INDEX persons_office_kana_idx`);
    await db.query(`CREATE INDEX persons_office_kana_idx ON persons (office_id, name_kana_normalized COLLATE "C", id) INCLUDE (in_restricted_case)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX persons_office_kana_idx`);
    await db.query(`CREATE INDEX persons_office_kana_idx ON persons (office_id, name_kana_normalized COLLATE "C", id)`);
    await db.query(`DROP TRIGGER persons_in_restricted_case_cases ON cases`);
    await db.query(`DROP TRIGGER persons_in_restricted_case_members ON case_members`);
    await db.query(`DROP FUNCTION persons_in_restricted_case_on_case()`);
    await db.query(`DROP FUNCTION persons_in_restricted_case_on_member()`);
    await db.query(`DROP FUNCTION persons_in_restricted_case_refresh(uuid[])`);
    await db.query(`ALTER TABLE persons DROP COLUMN in_restricted_case`);
  }
}

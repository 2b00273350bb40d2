import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list's member-name filter (`GET /cases?name=サトウ`, a partial
 * match) read each candidate case's members and their persons: three index
 * look-ups per case, and when a name is common the capped count walked every
 * case in scope to find 1,001 (a consultant's list: 0.3–0.8 s at the 1m
 * scale). A case now carries its members' normalised names itself, kana and
 * kanji, one per line (the normalisers remove every whitespace, so no search
 * key spans two names), and the filter is a LIKE on the row the list already
 * reads.
 *
 * Triggers keep the names exact: members added, removed or changed (one
 * statement-level trigger per event, reading the statement's rows, so a bulk
 * load refreshes its cases once) and a person renamed. Lock first, then
 * compute, in separate statements, as persons_in_restricted_case_refresh
 * does: two transactions adding members to one case would otherwise each
 * compute the names from a snapshot without the other's member, and the
 * last to commit would drop it. The lock is FOR NO KEY UPDATE, which the
 * foreign-key checks of member rows (FOR KEY SHARE on the case) do not
 * wait for. A change of members also locks the persons added or removed
 * (FOR SHARE, before their cases), which a rename's update of the person
 * waits for and holds: a member joining while the person is renamed is
 * written with the new name, whichever commits first. The application's
 * writes to a case lock the case before touching its members, and
 * `PersonsService.update` locks the person's cases before renaming them.
 */
export class CasesMemberNames1764900000014 implements MigrationInterface {
  name = 'CasesMemberNames1764900000014';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases ADD COLUMN member_names_kana text NOT NULL DEFAULT '', ADD COLUMN member_names_kanji text NOT NULL DEFAULT ''`);
    await db.query(`
      CREATE FUNCTION cases_member_names_refresh(p_case_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM cases WHERE id = ANY (p_case_ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE cases c
           SET member_names_kana = x.kana, member_names_kanji = x.kanji
          FROM (SELECT q.id,
                       coalesce(string_agg(p.name_kana_normalized, E'\\n' ORDER BY p.id), '') AS kana,
                       coalesce(string_agg(p.name_kanji_normalized, E'\\n' ORDER BY p.id), '') AS kanji
                  FROM cases q
                  LEFT JOIN case_members m ON m.case_id = q.id
                  LEFT JOIN persons p ON p.id = m.person_id
                 WHERE q.id = ANY (p_case_ids)
                 GROUP BY q.id) x
         WHERE c.id = x.id AND (c.member_names_kana, c.member_names_kanji) IS DISTINCT FROM (x.kana, x.kanji);
      END
      $$`);
    // A trigger with transition tables serves one event: three triggers, one function reading the tables its event has.
    await db.query(`
      CREATE FUNCTION cases_member_names_on_members() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM 1 FROM persons WHERE id IN (SELECT person_id FROM added_members) ORDER BY id FOR SHARE;
          PERFORM cases_member_names_refresh(ARRAY(SELECT DISTINCT case_id FROM added_members));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM 1 FROM persons WHERE id IN (SELECT person_id FROM removed_members) ORDER BY id FOR SHARE;
          PERFORM cases_member_names_refresh(ARRAY(SELECT DISTINCT case_id FROM removed_members));
        ELSE
          PERFORM 1 FROM persons WHERE id IN (SELECT person_id FROM added_members UNION SELECT person_id FROM removed_members) ORDER BY id FOR SHARE;
          PERFORM cases_member_names_refresh(ARRAY(SELECT case_id FROM added_members UNION SELECT case_id FROM removed_members));
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER cases_member_names_added AFTER INSERT ON case_members
      REFERENCING NEW TABLE AS added_members FOR EACH STATEMENT EXECUTE FUNCTION cases_member_names_on_members()`);
    await db.query(`
      CREATE TRIGGER cases_member_names_removed AFTER DELETE ON case_members
      REFERENCING OLD TABLE AS removed_members FOR EACH STATEMENT EXECUTE FUNCTION cases_member_names_on_members()`);
    await db.query(`
      CREATE TRIGGER cases_member_names_changed AFTER UPDATE ON case_members
      REFERENCING OLD TABLE AS removed_members NEW TABLE AS added_members FOR EACH STATEMENT EXECUTE FUNCTION cases_member_names_on_members()`);
    await db.query(`
      CREATE FUNCTION cases_member_names_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM cases_member_names_refresh(ARRAY(SELECT m.case_id FROM case_members m WHERE m.person_id = NEW.id));
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER cases_member_names_renamed AFTER UPDATE OF name_kana_normalized, name_kanji_normalized ON persons
      FOR EACH ROW WHEN (OLD.name_kana_normalized IS DISTINCT FROM NEW.name_kana_normalized OR OLD.name_kanji_normalized IS DISTINCT FROM NEW.name_kanji_normalized)
      EXECUTE FUNCTION cases_member_names_on_person()`);
    await db.query(`
      UPDATE cases c
         SET member_names_kana = x.kana, member_names_kanji = x.kanji
        FROM (SELECT m.case_id, string_agg(p.name_kana_normalized, E'\\n' ORDER BY p.id) AS kana, string_agg(p.name_kanji_normalized, E'\\n' ORDER BY p.id) AS kanji
                FROM case_members m JOIN persons p ON p.id = m.person_id
               GROUP BY m.case_id) x
       WHERE c.id = x.case_id`);
    // A rare name is found through these (a bitmap of the few matching cases); a common one by the walk of the
    // office's cases in list order, which stops at a page.
    await db.query(`CREATE INDEX cases_member_names_kana_trgm_idx ON cases USING gin (member_names_kana gin_trgm_ops)`);
    await db.query(`CREATE INDEX cases_member_names_kanji_trgm_idx ON cases USING gin (member_names_kanji gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_member_names_kanji_trgm_idx`);
    await db.query(`DROP INDEX cases_member_names_kana_trgm_idx`);
    await db.query(`DROP TRIGGER cases_member_names_renamed ON persons`);
    await db.query(`DROP TRIGGER cases_member_names_changed ON case_members`);
    await db.query(`DROP TRIGGER cases_member_names_removed ON case_members`);
    await db.query(`DROP TRIGGER cases_member_names_added ON case_members`);
    await db.query(`DROP FUNCTION cases_member_names_on_person()`);
    await db.query(`DROP FUNCTION cases_member_names_on_members()`);
    await db.query(`DROP FUNCTION cases_member_names_refresh(uuid[])`);
    await db.query(`ALTER TABLE cases DROP COLUMN member_names_kana, DROP COLUMN member_names_kanji`);
  }
}

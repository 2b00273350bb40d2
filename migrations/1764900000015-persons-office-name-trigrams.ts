import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person search's default "contains" match within an office. The trigram
 * indexes cover the whole ward, so a search of one office intersected their
 * bitmap with the office's entries of the office/kana index (200,000 at the
 * 1m scale: 20 ms before reading a row), or walked that index in kana order
 * filtering every row (a common name late in 読み order: 130–170 ms a page).
 * These hold the office in the same GIN index as the name's trigrams
 * (btree_gin), so the office's matches come from one index scan.
 */
export class PersonsOfficeNameTrigrams1764900000015 implements MigrationInterface {
  name = 'PersonsOfficeNameTrigrams1764900000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await db.query(`CREATE INDEX persons_office_kana_trgm_idx ON persons USING gin (office_id, name_kana_normalized gin_trgm_ops)`);
    await db.query(`CREATE INDEX persons_office_kanji_trgm_idx ON persons USING gin (office_id, name_kanji_normalized gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX persons_office_kanji_trgm_idx`);
    await db.query(`DROP INDEX persons_office_kana_trgm_idx`);
    // btree_gin stays: another object may have come to depend on it.
  }
}

import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { FAMILY_NAMES, GIVEN_NAMES, sqlArray } from './names';
import { Scale } from './scales';

/**
 * Staff, persons, family cases, members and co-workers at scale, all with
 * set-based SQL (INSERT ... SELECT over generate_series), so a million
 * persons load in seconds. Case k of office (k-1) mod 5 holds persons
 * 3k-2 (mother), 3k-1 and 3k (children), so members share the case's office.
 * A family shares its family name. The `bench_*` tables keep sequence → id maps for later generators.
 */
export async function generateCore(db: DataSource, scale: Scale, log: (message: string) => void): Promise<void> {
  await generateStaff(db, scale);
  log(`staff: ${scale.staffPerOffice} consultants and 2 supervisors per 子ども家庭支援センター`);
  await generatePersons(db, scale);
  log(`persons: ${scale.persons}`);
  await generateCases(db, scale);
  log(`cases: ${scale.cases} with members and co-workers`);
}

async function generateStaff(db: DataSource, scale: Scale): Promise<void> {
  const hash = await argon2.hash(process.env.DEMO_PASSWORD || 'hagukumi-demo', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await db.query(`CREATE TABLE IF NOT EXISTS bench_offices (idx int PRIMARY KEY, office_id uuid NOT NULL)`);
  await db.query(`TRUNCATE bench_offices`);
  await db.query(`INSERT INTO bench_offices SELECT (row_number() OVER (ORDER BY code)) - 1, id FROM offices WHERE type = 'child_family_support_center'`);
  await db.query(`CREATE TABLE IF NOT EXISTS bench_staff (office_idx int, n int, user_id uuid, PRIMARY KEY (office_idx, n))`);
  await db.query(`TRUNCATE bench_staff`);
  await db.query(
    `INSERT INTO users (login_id, display_name, office_id, roles, password_hash)
     SELECT format('bench-%s-%s', b.idx, n), format('職員%s-%s', b.idx, n), b.office_id,
            CASE WHEN n >= $1 THEN '{supervisor}'::user_role[] ELSE '{consultant}'::user_role[] END, $2
       FROM bench_offices b, generate_series(0, $1 + 1) n
     ON CONFLICT DO NOTHING`,
    [scale.staffPerOffice, hash],
  );
  // A separate statement: rows inserted by a CTE are not visible to the rest of the same statement.
  await db.query(
    `INSERT INTO bench_staff
     SELECT b.idx, n, u.id FROM bench_offices b CROSS JOIN generate_series(0, $1 + 1) n
       JOIN users u ON lower(u.login_id) = format('bench-%s-%s', b.idx, n)`,
    [scale.staffPerOffice],
  );
}

/**
 * The FAMILY_NAMES index (1-based) of family (case) number `k`, an SQL
 * expression. Offices take families in turn ((k - 1) mod 5), so the name is
 * drawn from the family's number within its office ((k - 1) / 5) and every
 * office has every name (drawn from k itself, each office had 12 of them,
 * as 7919k mod 60 fixes k mod 5). A spread over [0, 1) raised to 1.5 makes
 * names early in the list more common, as 佐藤 and 鈴木 are: the first about
 * 6.5% of families, the last about 1%.
 */
function familyNameIndexSql(k: string): string {
  return `(1 + floor(${FAMILY_NAMES.length} * power(((((${k})::bigint - 1) / 5) * 7919 % 10007) / 10007.0, 1.5)))::int`;
}

async function generatePersons(db: DataSource, scale: Scale): Promise<void> {
  const fk = sqlArray(FAMILY_NAMES.map(([k]) => k));
  const fn = sqlArray(FAMILY_NAMES.map(([, n]) => n));
  const gk = sqlArray(GIVEN_NAMES.map(([k]) => k));
  const gn = sqlArray(GIVEN_NAMES.map(([, n]) => n));
  const gs = sqlArray(GIVEN_NAMES.map(([, , s]) => s));
  await db.query(`CREATE TABLE IF NOT EXISTS bench_persons (seq int PRIMARY KEY, person_id uuid NOT NULL)`);
  await db.query(`TRUNCATE bench_persons`);
  await db.query(
    `WITH src AS (
       SELECT g, gen_random_uuid() AS id,
              ${familyNameIndexSql('((g - 1) / 3 + 1)')} AS f,
              (1 + ((g::bigint * 104729) / 7) % ${GIVEN_NAMES.length})::int AS n,
              ((g - 1) / 3) % 5 AS office_idx,
              (g - 1) % 3 AS slot
         FROM generate_series(1, $1) g
     ), ins AS (
       INSERT INTO persons (id, office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex)
       SELECT s.id, o.office_id,
              (CASE WHEN s.slot = 0 THEN 'guardian' ELSE 'child' END)::person_kind,
              (${fk})[s.f] || ' ' || (${gk})[s.n], (${fn})[s.f] || ' ' || (${gn})[s.n],
              (${fk})[s.f] || (${gk})[s.n], (${fn})[s.f] || (${gn})[s.n],
              CASE WHEN s.slot = 0 THEN date '1975-01-01' + ((s.g * 37) % 9000) ELSE date '2008-04-01' + ((s.g * 53) % 6600) END,
              (CASE WHEN s.slot = 0 THEN 'female' ELSE (${gs})[s.n] END)::sex
         FROM src s JOIN bench_offices o ON o.idx = s.office_idx
     )
     INSERT INTO bench_persons SELECT g, id FROM src`,
    [scale.persons],
  );
}

async function generateCases(db: DataSource, scale: Scale): Promise<void> {
  const fk = sqlArray(FAMILY_NAMES.map(([k]) => k));
  await db.query(`CREATE TABLE IF NOT EXISTS bench_cases (seq int PRIMARY KEY, case_id uuid NOT NULL, office_idx int NOT NULL)`);
  await db.query(`TRUNCATE bench_cases`);
  await db.query(
    `WITH src AS (
       SELECT k, gen_random_uuid() AS id, (k - 1) % 5 AS office_idx, 2018 + (k * 7) % 9 AS fy,
              ${familyNameIndexSql('k')} AS f
         FROM generate_series(1, $1) k
     ), numbered AS (
       SELECT src.*, row_number() OVER (PARTITION BY office_idx, fy ORDER BY k) AS seq FROM src
     ), ins AS (
       INSERT INTO cases (id, office_id, case_number, fiscal_year, label, support_level, abuse_types, status, lead_worker_id, restricted, opened_on, closed_at, closed_reason)
       SELECT n.id, o.office_id,
              CASE WHEN n.fy >= 2019 THEN 'R' || (n.fy - 2018) ELSE 'H' || (n.fy - 1988) END || '-' || lpad(n.seq::text, 5, '0'),
              n.fy, (${fk})[n.f] || ' 世帯',
              (ARRAY['general', 'support_required', 'support_required', 'protection_required', 'specified_expectant_mother'])[1 + n.k % 5]::support_level,
              CASE WHEN n.k % 5 = 3 THEN ARRAY[(ARRAY['physical', 'neglect', 'psychological', 'sexual'])[1 + n.k % 4]]::abuse_type[] ELSE '{}'::abuse_type[] END,
              (CASE WHEN n.k % 2 = 0 THEN 'closed' ELSE 'open' END)::case_status,
              st.user_id, n.k % 50 = 0,
              make_date(n.fy, 4, 1) + (n.k % 365),
              CASE WHEN n.k % 2 = 0 THEN make_date(n.fy, 4, 1) + (n.k % 365) + 200 END,
              CASE WHEN n.k % 2 = 0 THEN '支援終了' END
         FROM numbered n JOIN bench_offices o ON o.idx = n.office_idx
         JOIN bench_staff st ON st.office_idx = n.office_idx AND st.n = n.k % $2
     )
     INSERT INTO bench_cases SELECT k, id, office_idx FROM src`,
    [scale.cases, scale.staffPerOffice],
  );
  // The members triggers keep person_case_offices and persons.in_restricted_case one member at a time (a query
  // per row: most of an hour at the 1m scale). For the bulk load they are off, and the same facts are derived
  // once, set-based, afterwards.
  await db.query(`ALTER TABLE case_members DISABLE TRIGGER person_case_offices_members, DISABLE TRIGGER persons_in_restricted_case_members`);
  try {
    await db.query(
      `INSERT INTO case_members (case_id, person_id, relationship)
       SELECT c.case_id, p.person_id, (CASE WHEN p.seq = 3 * c.seq - 2 THEN 'mother' ELSE 'child' END)::member_relationship
         FROM bench_cases c JOIN bench_persons p ON p.seq BETWEEN 3 * c.seq - 2 AND 3 * c.seq
       ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `INSERT INTO person_case_offices (office_id, person_id)
       SELECT DISTINCT c.office_id, m.person_id
         FROM case_members m JOIN cases c ON c.id = m.case_id JOIN persons p ON p.id = m.person_id
        WHERE c.office_id <> p.office_id
       ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `UPDATE persons SET in_restricted_case = true
        WHERE id IN (SELECT m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.restricted)`,
    );
  } finally {
    await db.query(`ALTER TABLE case_members ENABLE TRIGGER person_case_offices_members, ENABLE TRIGGER persons_in_restricted_case_members`);
  }
  await db.query(
    `INSERT INTO case_co_workers (case_id, user_id)
     SELECT c.case_id, st.user_id FROM bench_cases c JOIN bench_staff st ON st.office_idx = c.office_idx AND st.n = (c.seq + 1) % $1
      WHERE c.seq % 3 = 0 ON CONFLICT DO NOTHING`,
    [scale.staffPerOffice],
  );
  // Keep the per-office counters ahead of the generated numbers so new cases never collide.
  await db.query(
    `INSERT INTO case_number_counters (office_id, fiscal_year, last_value)
     SELECT office_id, fiscal_year, count(*) FROM cases GROUP BY office_id, fiscal_year
     ON CONFLICT (office_id, fiscal_year) DO UPDATE SET last_value = GREATEST(case_number_counters.last_value, EXCLUDED.last_value)`,
  );
}

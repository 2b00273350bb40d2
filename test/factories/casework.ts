import { DataSource } from 'typeorm';
import { allocateCaseNumber } from '../../src/modules/cases/case-number.allocator';
import { normalizeKana, normalizeKanji } from '../../src/modules/persons/name-normalizer';
import { todayInJapan } from '../../src/common/time/japan-time';

/**
 * Builders for casework test data, written straight to the database so a
 * test can set up exactly the situation it needs. Each call makes fresh rows;
 * nothing is shared between tests.
 */
export interface PersonSpec {
  officeId: string;
  nameKanji?: string;
  nameKana?: string;
  birthDate?: string | null;
  kind?: 'child' | 'expectant_mother' | 'guardian' | 'other';
  sex?: 'female' | 'male' | 'other' | 'unknown';
}

let counter = 0;

export async function createPerson(db: DataSource, spec: PersonSpec): Promise<string> {
  counter += 1;
  const kanji = spec.nameKanji ?? `試験 太郎${counter}`;
  const kana = spec.nameKana ?? `シケン タロウ${counter}`;
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [spec.officeId, spec.kind ?? 'child', kanji, kana, normalizeKanji(kanji), normalizeKana(kana), spec.birthDate === undefined ? '2019-06-01' : spec.birthDate, spec.sex ?? 'unknown'],
  );
  return rows[0].id;
}

export interface CaseSpec {
  officeId: string;
  leadWorkerId?: string | null;
  coWorkerIds?: string[];
  supportLevel?: 'general' | 'support_required' | 'protection_required' | 'specified_expectant_mother';
  status?: 'open' | 'closed' | 'reopened';
  restricted?: boolean;
  label?: string;
  openedOn?: string;
  members?: Array<{ personId: string; relationship: string }>;
  sharedWithOfficeIds?: string[];
}

export async function createCase(db: DataSource, spec: CaseSpec): Promise<{ id: string; caseNumber: string }> {
  return db.transaction(async (manager) => {
    const openedOn = spec.openedOn ?? todayInJapan();
    const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, spec.officeId, openedOn);
    const closed = spec.status === 'closed';
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO cases (office_id, case_number, fiscal_year, label, support_level, status, lead_worker_id, restricted, opened_on, closed_at, closed_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [spec.officeId, caseNumber, fiscalYear, spec.label ?? '試験 世帯', spec.supportLevel ?? 'support_required', spec.status ?? 'open', spec.leadWorkerId ?? null, spec.restricted ?? false, openedOn, closed ? new Date() : null, closed ? 'テスト終結' : null],
    );
    const id = rows[0].id;
    for (const userId of spec.coWorkerIds ?? []) await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2)`, [id, userId]);
    for (const member of spec.members ?? []) await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3)`, [id, member.personId, member.relationship]);
    for (const officeId of spec.sharedWithOfficeIds ?? []) await manager.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [id, officeId]);
    return { id, caseNumber };
  });
}

/** A family case with one child in it: the most common fixture. */
export async function createCaseWithChild(db: DataSource, spec: CaseSpec & { child?: Omit<PersonSpec, 'officeId'> }): Promise<{ id: string; caseNumber: string; childId: string }> {
  const childId = await createPerson(db, { officeId: spec.officeId, kind: 'child', ...(spec.child ?? {}) });
  const created = await createCase(db, { ...spec, members: [...(spec.members ?? []), { personId: childId, relationship: 'child' }] });
  return { ...created, childId };
}

export async function createFacility(db: DataSource, spec: { officeId: string; type: string; name?: string }): Promise<string> {
  counter += 1;
  const rows: Array<{ id: string }> = await db.query(`INSERT INTO facilities (type, name, office_id) VALUES ($1, $2, $3) RETURNING id`, [spec.type, spec.name ?? `試験施設${counter}`, spec.officeId]);
  return rows[0].id;
}

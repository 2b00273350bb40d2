import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { businessRule, validationFailed } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { allocateCaseNumber } from '../cases/case-number.allocator';
import { Case, CaseStatus } from '../cases/entities/case.entity';
import { normalizeKana, normalizeKanji } from '../persons/name-normalizer';
import { AssignCentreRequestDto } from './dto/centre-request.dto';
import { CentreRequest } from './entities/centre-request.entity';

/** The lead worker must be active casework staff of the office the request was handed to. */
export async function assertOfficeStaff(manager: EntityManager, officeId: string, userId: string): Promise<void> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND active AND roles && ARRAY['consultant', 'supervisor']::user_role[]`,
    [userId, officeId],
  );
  if (rows.length === 0) {
    throw validationFailed([{ field: 'leadWorkerId', code: 'not_office_staff', message: 'The lead worker must be an active consultant or supervisor of the office.' }]);
  }
}

/**
 * "Links or opens a case": either an open case of the office the caller may
 * write, or a new case opened for the family with the lead worker as its
 * 主担当. Either way the children the centre named become members of the
 * case — matched to an existing member by kana name and birth date, or
 * registered — and the lead worker gets the case (as 副担当 when another
 * worker already leads it). Runs inside the assignment's transaction.
 */
export async function linkOrOpenCase(manager: EntityManager, access: AccessService, actor: Actor, request: CentreRequest, dto: AssignCentreRequestDto): Promise<string> {
  if ((dto.caseId === undefined) === (dto.newCase === undefined)) {
    throw validationFailed([{ field: 'caseId', code: 'case_or_new_case', message: 'Give either caseId (link a case) or newCase (open one), not both.' }]);
  }
  let caseId: string;
  if (dto.caseId !== undefined) {
    const facts = await access.assertCaseAccess(manager, actor, dto.caseId, 'write');
    if (facts.officeId !== request.officeId) throw businessRule('The case belongs to another office.', [{ field: 'caseId', code: 'other_office', message: 'The case belongs to another office.' }]);
    if (facts.status === CaseStatus.Closed) throw businessRule('The case is closed: reopen it before linking the request.', [{ field: 'caseId', code: 'case_closed', message: 'The case is closed.' }]);
    caseId = facts.id;
    if (facts.leadWorkerId !== dto.leadWorkerId) {
      await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [caseId, dto.leadWorkerId]);
    }
  } else {
    const openedOn = todayInJapan();
    const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, request.officeId, openedOn);
    const repo = manager.getRepository(Case);
    const created = await repo.save(
      repo.create({
        officeId: request.officeId,
        caseNumber,
        fiscalYear,
        label: dto.newCase!.label,
        supportLevel: dto.newCase!.supportLevel,
        abuseTypes: dto.newCase!.abuseTypes ?? [],
        status: CaseStatus.Open,
        leadWorkerId: dto.leadWorkerId,
        restricted: dto.newCase!.restricted ?? false,
        openedOn,
        createdBy: actor.userId,
      }),
    );
    caseId = created.id;
  }
  await addChildrenToCase(manager, request, caseId, actor.userId);
  return caseId;
}

async function addChildrenToCase(manager: EntityManager, request: CentreRequest, caseId: string, actorId: string): Promise<void> {
  const children: Array<{ id: string; name_kanji: string; name_kana: string; birth_date: string | null; sex: string }> = await manager.query(
    `SELECT id, name_kanji, name_kana, birth_date, sex FROM centre_request_children WHERE request_id = $1 ORDER BY position`,
    [request.id],
  );
  for (const child of children) {
    const kana = normalizeKana(child.name_kana);
    const matched: Array<{ id: string }> = await manager.query(
      `SELECT p.id FROM case_members m JOIN persons p ON p.id = m.person_id
        WHERE m.case_id = $1 AND p.name_kana_normalized = $2 AND p.birth_date IS NOT DISTINCT FROM $3::date
        ORDER BY p.created_at LIMIT 1`,
      [caseId, kana, child.birth_date],
    );
    let personId = matched[0]?.id;
    if (!personId) {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, created_by)
         VALUES ($1, 'child', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [request.officeId, child.name_kanji, child.name_kana, normalizeKanji(child.name_kanji), kana, child.birth_date, child.sex, actorId],
      );
      personId = inserted[0].id;
      await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'child')`, [caseId, personId]);
    }
    await manager.query(`UPDATE centre_request_children SET person_id = $2 WHERE id = $1`, [child.id, personId]);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { businessRule, validationFailed } from '../../common/problem/problem';
import { recordCaseEvent } from '../cases/case-events';
import { CaseEventKind } from '../cases/entities/case-event.entity';
import { MemberRelationship } from '../cases/entities/case-member.entity';
import { CaseStatus } from '../cases/entities/case.entity';
import { CasesService } from '../cases/cases.service';
import { normalizeKana, normalizeKanji } from '../persons/name-normalizer';
import { AssignCentreRequestDto } from './dto/centre-request.dto';
import { CentreRequest } from './entities/centre-request.entity';

interface RequestChild {
  id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  sex: string;
}

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
 * "Links or opens a case", inside the assignment's transaction: either an
 * open case of the office the supervisor may write, or a new case opened
 * through the case registry (case number, 進行管理 schedule, case history)
 * with the lead worker as 主担当. The children the centre named become
 * members — matched to the case's members, or to persons the office already
 * registered, by kana name and birth date, else registered — and the lead
 * worker gets the case (as 副担当 when someone else leads it).
 */
@Injectable()
export class CentreRequestAssignment {
  constructor(private readonly access: AccessService, private readonly cases: CasesService) {}

  async linkOrOpenCase(manager: EntityManager, actor: Actor, request: CentreRequest, dto: AssignCentreRequestDto): Promise<string> {
    if ((dto.caseId === undefined) === (dto.newCase === undefined)) {
      throw validationFailed([{ field: 'caseId', code: 'case_or_new_case', message: 'Give either caseId (link a case) or newCase (open one), not both.' }]);
    }
    const children: RequestChild[] = await manager.query(
      `SELECT id, name_kanji, name_kana, birth_date, sex FROM centre_request_children WHERE request_id = $1 ORDER BY position`,
      [request.id],
    );
    return dto.caseId !== undefined ? this.link(manager, actor, request, dto.caseId, dto.leadWorkerId, children) : this.open(manager, actor, request, dto, children);
  }

  private async link(manager: EntityManager, actor: Actor, request: CentreRequest, caseId: string, leadWorkerId: string, children: RequestChild[]): Promise<string> {
    const facts = await this.access.assertCaseAccess(manager, actor, caseId, 'write');
    if (facts.officeId !== request.officeId) throw businessRule('The case belongs to another office.', [{ field: 'caseId', code: 'other_office', message: 'The case belongs to another office.' }]);
    if (facts.status === CaseStatus.Closed) throw businessRule('The case is closed: reopen it before linking the request.', [{ field: 'caseId', code: 'case_closed', message: 'The case is closed.' }]);
    if (facts.leadWorkerId !== leadWorkerId) {
      const added: unknown[] = await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`, [caseId, leadWorkerId]);
      if (added.length) {
        await recordCaseEvent(manager, { caseId, kind: CaseEventKind.Assigned, actor, reason: '児童相談センターからの依頼の担当', details: { coWorkerAdded: leadWorkerId, centreRequestId: request.id } });
      }
    }
    for (const child of children) {
      const member: Array<{ id: string }> = await manager.query(
        `SELECT p.id FROM case_members m JOIN persons p ON p.id = m.person_id
          WHERE m.case_id = $1 AND p.name_kana_normalized = $2 AND p.birth_date IS NOT DISTINCT FROM $3::date
          ORDER BY p.created_at LIMIT 1`,
        [caseId, normalizeKana(child.name_kana), child.birth_date],
      );
      let personId = member[0]?.id;
      if (!personId) {
        personId = await this.personFor(manager, actor, request, child);
        await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3)`, [caseId, personId, MemberRelationship.Child]);
        await recordCaseEvent(manager, { caseId, kind: CaseEventKind.MemberAdded, actor, details: { personId, relationship: MemberRelationship.Child, centreRequestId: request.id } });
      }
      await manager.query(`UPDATE centre_request_children SET person_id = $2 WHERE id = $1`, [child.id, personId]);
    }
    return caseId;
  }

  private async open(manager: EntityManager, actor: Actor, request: CentreRequest, dto: AssignCentreRequestDto, children: RequestChild[]): Promise<string> {
    const personIds: string[] = [];
    for (const child of children) personIds.push(await this.personFor(manager, actor, request, child));
    const caseId = await this.cases.createIn(manager, actor, {
      label: dto.newCase!.label,
      supportLevel: dto.newCase!.supportLevel,
      abuseTypes: dto.newCase!.abuseTypes ?? [],
      leadWorkerId: dto.leadWorkerId,
      members: [...new Set(personIds)].map((personId) => ({ personId, relationship: MemberRelationship.Child })),
    });
    if (dto.newCase!.restricted) {
      await manager.query(`UPDATE cases SET restricted = true WHERE id = $1`, [caseId]);
      await recordCaseEvent(manager, { caseId, kind: CaseEventKind.Restricted, actor, reason: '児童相談センターからの依頼の受理時に閲覧制限', details: { centreRequestId: request.id } });
    }
    for (const [i, child] of children.entries()) await manager.query(`UPDATE centre_request_children SET person_id = $2 WHERE id = $1`, [child.id, personIds[i]]);
    return caseId;
  }

  /** A person the office registered with the same kana name and birth date, else a new one. */
  private async personFor(manager: EntityManager, actor: Actor, request: CentreRequest, child: RequestChild): Promise<string> {
    const kana = normalizeKana(child.name_kana);
    if (child.birth_date) {
      const known: Array<{ id: string }> = await manager.query(
        `SELECT id FROM persons WHERE office_id = $1 AND name_kana_normalized = $2 AND birth_date = $3::date ORDER BY created_at LIMIT 1`,
        [request.officeId, kana, child.birth_date],
      );
      if (known[0]) return known[0].id;
    }
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO persons (office_id, kind, name_kanji, name_kana, name_kanji_normalized, name_kana_normalized, birth_date, sex, created_by)
       VALUES ($1, 'child', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [request.officeId, child.name_kanji, child.name_kana, normalizeKanji(child.name_kanji), kana, child.birth_date, child.sex, actor.userId],
    );
    return inserted[0].id;
  }
}

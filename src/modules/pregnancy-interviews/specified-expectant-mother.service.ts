import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { forbidden, invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { AuditNote } from '../audit/audited.decorator';
import { CasesService } from '../cases/cases.service';
import { MemberRelationship } from '../cases/entities/case-member.entity';
import { SupportLevel } from '../cases/entities/case.entity';
import { PregnancyNotificationView } from '../pregnancy-notifications/dto/pregnancy-notification.dto';
import { PregnancyHistoryAction, recordPregnancyHistory } from '../pregnancy-notifications/pregnancy-history';
import { PregnancyNotification, SpecifiedStatus } from '../pregnancy-notifications/pregnancy-notification.entity';
import { PregnancyNotificationsService } from '../pregnancy-notifications/pregnancy-notifications.service';
import { PregnancyReminders } from '../pregnancy-notifications/pregnancy-reminders';
import { ConfirmSpecifiedDto, DeclineSpecifiedDto, SpecifiedConfirmation } from './dto/pregnancy-interview.dto';

/**
 * The supervisor's decision on a 特定妊婦 candidate. Confirming hands the
 * family to a 子ども家庭支援センター in one transaction: a case of that centre
 * (opened with support level 特定妊婦, or an open one linked), the mother as
 * a member, and a share back to the 保健相談所 so it keeps reading the case.
 * The centre then reads the pregnancy records through the case (see
 * AccessService.pregnancyRecordAccess); other centres do not.
 */
@Injectable()
export class SpecifiedExpectantMotherService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly notifications: PregnancyNotificationsService,
    private readonly reminders: PregnancyReminders,
    private readonly cases: CasesService,
  ) {}

  async confirm(actor: Actor, notificationId: string, dto: ConfirmSpecifiedDto, note: AuditNote): Promise<SpecifiedConfirmation> {
    return this.dataSource.transaction(async (manager) => {
      const n = await this.lockCandidate(manager, actor, notificationId, dto.version, 'confirm');
      if ((await this.access.officeType(manager, dto.centreOfficeId)) !== 'child_family_support_center') {
        throw validationFailed([{ field: 'centreOfficeId', code: 'not_a_centre', message: '引継ぎ先には子ども家庭支援センターを指定してください。' }]);
      }
      const linked = dto.caseId ? await this.explicitCase(manager, dto.caseId, dto.centreOfficeId) : await this.centreCaseOfMother(manager, n.motherId, dto.centreOfficeId);
      const target = linked ?? (await this.openCase(manager, actor, n, dto.centreOfficeId));
      const opened = linked === null;
      if (!opened) {
        await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, 'expectant_mother') ON CONFLICT (case_id, person_id) DO NOTHING`, [target.id, n.motherId]);
        // A general consultation becomes a 特定妊婦 case; a case already at a more serious level keeps it.
        await this.cases.raiseSupportLevel(manager, actor, target.id, SupportLevel.SpecifiedExpectantMother, [SupportLevel.General]);
      }
      await manager.query(
        `INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'specified_expectant_mother') ON CONFLICT (case_id, office_id) DO NOTHING`,
        [target.id, n.officeId],
      );
      Object.assign(n, {
        specifiedStatus: SpecifiedStatus.Confirmed,
        caseId: target.id,
        specifiedDecidedBy: actor.userId,
        specifiedDecidedAt: new Date(),
        specifiedDecisionNote: dto.reason,
      });
      const saved = await manager.getRepository(PregnancyNotification).save(n);
      await recordPregnancyHistory(manager, saved, PregnancyHistoryAction.SpecifiedConfirmed, actor.userId, dto.reason);
      await this.reminders.notifySpecifiedHandover(manager, target.id, dto.centreOfficeId);
      note.reason = dto.reason;
      note.details = { centreOfficeId: dto.centreOfficeId, caseOpened: opened };
      note.related = [{ resourceType: 'case', resourceId: target.id, action: opened ? 'case.open_specified_expectant_mother' : 'case.link_specified_expectant_mother' }];
      return { notificationId: n.id, caseId: target.id, caseNumber: target.caseNumber, centreOfficeId: dto.centreOfficeId, caseOpened: opened };
    });
  }

  async decline(actor: Actor, notificationId: string, dto: DeclineSpecifiedDto, note: AuditNote): Promise<PregnancyNotificationView> {
    await this.dataSource.transaction(async (manager) => {
      const n = await this.lockCandidate(manager, actor, notificationId, dto.version, 'decline');
      Object.assign(n, { specifiedStatus: SpecifiedStatus.NotConfirmed, specifiedDecidedBy: actor.userId, specifiedDecidedAt: new Date(), specifiedDecisionNote: dto.reason });
      const saved = await manager.getRepository(PregnancyNotification).save(n);
      await recordPregnancyHistory(manager, saved, PregnancyHistoryAction.SpecifiedNotConfirmed, actor.userId, dto.reason);
      note.reason = dto.reason;
    });
    return this.notifications.view(this.dataSource.manager, actor, notificationId);
  }

  /** Only a supervisor of the receiving 保健相談所 decides, and only on a candidate. */
  private async lockCandidate(manager: EntityManager, actor: Actor, id: string, version: number, action: 'confirm' | 'decline'): Promise<PregnancyNotification> {
    const n = await this.notifications.lockForWrite(manager, actor, id);
    if (!hasRole(actor, Role.Supervisor)) throw forbidden('特定妊婦の判定は係長・所長が行います。');
    if (n.version !== version) throw versionConflict();
    if (n.specifiedStatus !== SpecifiedStatus.Candidate) throw invalidTransition(n.specifiedStatus, `${action} as 特定妊婦`, []);
    return n;
  }

  /** A case the centre told the 保健相談所 about: it must be an open case of that centre (else 404, revealing nothing). */
  private async explicitCase(manager: EntityManager, caseId: string, centreOfficeId: string): Promise<{ id: string; caseNumber: string }> {
    const rows: Array<{ id: string; case_number: string }> = await manager.query(
      `SELECT id, case_number FROM cases WHERE id = $1 AND office_id = $2 AND status <> 'closed' FOR UPDATE`,
      [caseId, centreOfficeId],
    );
    if (!rows[0]) throw notFound('case');
    return { id: rows[0].id, caseNumber: rows[0].case_number };
  }

  /** The centre's newest open case with the mother already a member, if any. */
  private async centreCaseOfMother(manager: EntityManager, motherId: string, centreOfficeId: string): Promise<{ id: string; caseNumber: string } | null> {
    const rows: Array<{ id: string; case_number: string }> = await manager.query(
      `SELECT c.id, c.case_number FROM cases c JOIN case_members m ON m.case_id = c.id
        WHERE m.person_id = $1 AND c.office_id = $2 AND c.status <> 'closed'
        ORDER BY c.opened_on DESC, c.id DESC LIMIT 1 FOR UPDATE OF c`,
      [motherId, centreOfficeId],
    );
    return rows[0] ? { id: rows[0].id, caseNumber: rows[0].case_number } : null;
  }

  /** A new 特定妊婦 case of the centre with the mother in it, numbered, scheduled for review and recorded as any case opened. */
  private async openCase(manager: EntityManager, actor: Actor, n: PregnancyNotification, centreOfficeId: string): Promise<{ id: string; caseNumber: string }> {
    const [mother] = await manager.query(`SELECT name_kanji FROM persons WHERE id = $1`, [n.motherId]);
    const familyName = String((mother as { name_kanji: string }).name_kanji).trim().split(/[\s\u3000]+/)[0];
    return this.cases.openOnBehalfOf(manager, actor, {
      officeId: centreOfficeId,
      label: `${familyName} 世帯`,
      supportLevel: SupportLevel.SpecifiedExpectantMother,
      members: [{ personId: n.motherId, relationship: MemberRelationship.ExpectantMother }],
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { businessRule, conflict, forbidden, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { sqlRows } from '../../database/sql';
import { noteCreatedRecord } from '../audit/write-audit';
import { allocateCaseNumber } from './case-number.allocator';
import { recordCaseEvent } from './case-events';
import { assertCaseStateAction } from './case-lifecycle';
import { CaseReminders } from './case-reminders';
import { loadCaseView } from './case-view';
import { assertCaseWorkers } from './case-workers';
import { CaseMemberInput, CaseView, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';
import { AbuseType, Case, CaseStatus, SupportLevel } from './entities/case.entity';
import { CaseEventKind } from './entities/case-event.entity';
import { nextReviewAfter, nextReviewAfterLevelChange, reviewIntervalMonths } from './progress-review-schedule';

/** Loads a case row for a change, locked until the transaction ends. */
export async function lockCase(manager: EntityManager, id: string): Promise<Case> {
  const found = await manager.getRepository(Case).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!found) throw notFound('case');
  return found;
}

/**
 * Locks a case for a change, then checks that the caller may make it — in
 * that order. A check read before the lock could predate a change the lock
 * waited for (a transfer accepted, a worker taken off the case) and let the
 * caller go on as if it had not happened; run after the lock, as a statement
 * of its own, it reads the case as that change left it.
 */
export async function lockCaseForWrite(manager: EntityManager, access: AccessService, actor: Actor, id: string): Promise<Case> {
  const found = await lockCase(manager, id);
  await access.assertCaseAccess(manager, actor, id, 'write');
  return found;
}

/**
 * Saves a locked case and moves it to the next version whether or not a
 * column of the row itself changed (co-workers and members live in other
 * tables, but a concurrent editor must still see a new version).
 */
export async function saveCase(manager: EntityManager, found: Case, loadedVersion: number): Promise<void> {
  await manager.save(found);
  await manager.query(`UPDATE cases SET version = $2, updated_at = now() WHERE id = $1`, [found.id, loadedVersion + 1]);
}

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CaseReminders,
  ) {}

  /**
   * Opens a family case in the caller's office with a number from the
   * office's counter for the fiscal year. A consultant who opens a case
   * becomes its lead worker; only supervisors assign others.
   */
  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const id = await this.createIn(manager, actor, dto);
      noteCreatedRecord(id);
      return this.get(actor, id, manager);
    });
  }

  /** The creation itself, inside the caller's transaction (the 通告 intake opens cases this way). */
  async createIn(manager: EntityManager, actor: Actor, dto: CreateCaseDto): Promise<string> {
    const supervisor = hasRole(actor, Role.Supervisor);
    if (!supervisor && ((dto.leadWorkerId && dto.leadWorkerId !== actor.userId) || (dto.coWorkerIds ?? []).length > 0)) {
      throw forbidden('Only supervisors assign workers to a case.');
    }
    const openedOn = dto.openedOn ?? todayInJapan();
    if (openedOn > todayInJapan()) throw validationFailed([{ field: 'openedOn', code: 'future_date', message: '開始日が未来の日付です。' }]);
    const leadWorkerId = supervisor ? (dto.leadWorkerId ?? null) : actor.userId;
    const coWorkerIds = dto.coWorkerIds ?? [];
    await assertCaseWorkers(manager, actor.officeId, { leadWorkerId, coWorkerIds });
    await this.assertMembersVisible(manager, actor, dto.members ?? []);

    const opened = await this.insertOpened(manager, actor, {
      officeId: actor.officeId,
      label: dto.label,
      supportLevel: dto.supportLevel,
      abuseTypes: dto.abuseTypes ?? [],
      leadWorkerId,
      coWorkerIds,
      members: dto.members ?? [],
      openedOn,
    });
    return opened.id;
  }

  /**
   * Opens a case in another office's name, inside the caller's transaction:
   * a 保健相談所 supervisor confirming a 特定妊婦 hands her to a centre. No
   * worker is assigned (the centre's supervisors do that); the case is
   * numbered, scheduled for review and recorded as any other.
   */
  async openOnBehalfOf(manager: EntityManager, actor: Actor, spec: { officeId: string; label: string; supportLevel: SupportLevel; members: CaseMemberInput[] }): Promise<{ id: string; caseNumber: string }> {
    return this.insertOpened(manager, actor, { ...spec, abuseTypes: [], leadWorkerId: null, coWorkerIds: [], openedOn: todayInJapan() });
  }

  /**
   * Raises a case to `level` when it is at a lower one, inside the caller's
   * transaction (a 特定妊婦 linked to a general consultation): the next review
   * comes closer as a level change by hand would bring it, recorded on the
   * case's timeline. A case already at a more serious level keeps it.
   */
  async raiseSupportLevel(manager: EntityManager, actor: Actor, caseId: string, level: SupportLevel, from: readonly SupportLevel[]): Promise<void> {
    const found = await lockCase(manager, caseId);
    if (!from.includes(found.supportLevel)) return;
    const previous = found.supportLevel;
    found.supportLevel = level;
    found.nextReviewOn = nextReviewAfterLevelChange(found.nextReviewOn, await this.lastReviewOrOpening(manager, found), await reviewIntervalMonths(manager, level));
    await saveCase(manager, found, found.version);
    await recordCaseEvent(manager, { caseId, kind: CaseEventKind.Updated, actor, details: { changed: { supportLevel: { from: previous, to: level } } } });
    await this.reminders.scheduleProgressReview(manager, found);
  }

  /** Numbers, inserts and records a new open case with its workers and members, and schedules its first review. */
  private async insertOpened(
    manager: EntityManager,
    actor: Actor,
    spec: { officeId: string; label: string; supportLevel: SupportLevel; abuseTypes: AbuseType[]; leadWorkerId: string | null; coWorkerIds: string[]; members: CaseMemberInput[]; openedOn: string },
  ): Promise<{ id: string; caseNumber: string }> {
    const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, spec.officeId, spec.openedOn);
    const nextReviewOn = nextReviewAfter(spec.openedOn, await reviewIntervalMonths(manager, spec.supportLevel));
    const repo = manager.getRepository(Case);
    const saved = await repo.save(
      repo.create({
        officeId: spec.officeId,
        caseNumber,
        fiscalYear,
        label: spec.label,
        supportLevel: spec.supportLevel,
        abuseTypes: spec.abuseTypes,
        status: CaseStatus.Open,
        leadWorkerId: spec.leadWorkerId,
        restricted: false,
        openedOn: spec.openedOn,
        nextReviewOn,
        createdBy: actor.userId,
      }),
    );
    for (const userId of spec.coWorkerIds) await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2)`, [saved.id, userId]);
    for (const member of spec.members) {
      await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3)`, [saved.id, member.personId, member.relationship]);
    }
    await recordCaseEvent(manager, {
      caseId: saved.id,
      kind: CaseEventKind.Opened,
      actor,
      details: { caseNumber, supportLevel: spec.supportLevel, leadWorkerId: spec.leadWorkerId, coWorkerIds: spec.coWorkerIds, memberIds: spec.members.map((m) => m.personId) },
    });
    await this.reminders.scheduleProgressReview(manager, saved);
    return { id: saved.id, caseNumber };
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseView> {
    const facts = await this.access.assertCaseAccess(manager, actor, id, 'read');
    return loadCaseView(manager, actor, facts);
  }

  async update(actor: Actor, id: string, dto: UpdateCaseDto): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await lockCaseForWrite(manager, this.access, actor, id);
      if (found.version !== dto.version) throw versionConflict();
      assertCaseStateAction(found.status, 'edit');
      const { version: _version, ...changes } = definedFields(dto);
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(changes)) {
        const before = (found as unknown as Record<string, unknown>)[field];
        if (JSON.stringify(before) !== JSON.stringify(value)) changed[field] = { from: before, to: value };
      }
      if (Object.keys(changed).length === 0) return this.get(actor, id, manager);
      const levelChanged = changes.supportLevel !== undefined && changes.supportLevel !== found.supportLevel;
      Object.assign(found, changes);
      if (levelChanged) {
        const since = await this.lastReviewOrOpening(manager, found);
        found.nextReviewOn = nextReviewAfterLevelChange(found.nextReviewOn, since, await reviewIntervalMonths(manager, found.supportLevel));
      }
      await saveCase(manager, found, dto.version);
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.Updated, actor, details: { changed } });
      if (levelChanged) await this.reminders.scheduleProgressReview(manager, found);
      return this.get(actor, id, manager);
    });
  }

  async addMember(actor: Actor, id: string, member: CaseMemberInput): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await lockCaseForWrite(manager, this.access, actor, id);
      assertCaseStateAction(found.status, 'edit');
      await this.assertMembersVisible(manager, actor, [member]);
      const inserted = await manager.query(
        `INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING person_id`,
        [id, member.personId, member.relationship],
      );
      if (inserted.length === 0) throw conflict('The person is already a member of this case.');
      await this.touch(manager, found);
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.MemberAdded, actor, details: { personId: member.personId, relationship: member.relationship } });
      return this.get(actor, id, manager);
    });
  }

  async removeMember(actor: Actor, id: string, personId: string): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await lockCaseForWrite(manager, this.access, actor, id);
      assertCaseStateAction(found.status, 'edit');
      const concerned = await manager.query(
        `SELECT 1 FROM child_abuse_report_children rc JOIN child_abuse_reports r ON r.id = rc.report_id WHERE r.case_id = $1 AND rc.person_id = $2 LIMIT 1`,
        [id, personId],
      );
      if (concerned.length > 0) throw businessRule('The person is a child concerned by a 通告 of this case and stays a member.');
      const rows = await sqlRows<{ relationship: string }>(manager, `DELETE FROM case_members WHERE case_id = $1 AND person_id = $2 RETURNING relationship`, [id, personId]);
      if (rows.length === 0) throw notFound('case member');
      await this.touch(manager, found);
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.MemberRemoved, actor, details: { personId, relationship: rows[0].relationship } });
      return this.get(actor, id, manager);
    });
  }

  /** Members must be persons the caller can see; a case never pulls in a record from beyond their scope. */
  private async assertMembersVisible(manager: EntityManager, actor: Actor, members: CaseMemberInput[]): Promise<void> {
    const seen = new Set<string>();
    for (const [index, member] of members.entries()) {
      if (seen.has(member.personId)) throw validationFailed([{ field: `members[${index}].personId`, code: 'duplicate_member', message: '同じ人物が重複しています。' }]);
      seen.add(member.personId);
      const access = await this.access.personAccess(manager, actor, member.personId);
      if (access.level === 'none') throw validationFailed([{ field: `members[${index}].personId`, code: 'unknown_person', message: '人物が見つかりません。' }]);
    }
  }

  /** Bumps the version and updated_at of a case whose members changed, so concurrent editors notice. */
  private async touch(manager: EntityManager, found: Case): Promise<void> {
    await manager.query(`UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1`, [found.id]);
  }

  private async lastReviewOrOpening(manager: EntityManager, found: Case): Promise<string> {
    const rows: Array<{ reviewed_on: string }> = await manager.query(`SELECT max(reviewed_on)::text AS reviewed_on FROM case_progress_reviews WHERE case_id = $1`, [found.id]);
    return rows[0]?.reviewed_on ?? found.openedOn;
  }
}

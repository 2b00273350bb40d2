import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { businessRule, conflict, forbidden, validationFailed, versionConflict } from '../../common/problem/problem';
import { addDays, daysBetween, todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { ApproveShortStayDto, CancelShortStayDto, CheckInShortStayDto, CompleteShortStayDto, ExtendShortStayDto, RejectShortStayDto, ShortStayActionDto } from './dto/short-stay-actions.dto';
import { ShortStayView } from './dto/short-stay.view';
import { ShortStay } from './entities/short-stay.entity';
import { Assessment, assessShortStay, loadChildOfCase, loadShortStayFacility, ShortStayFacilityFacts } from './short-stay-assessment';
import { feeForStay } from './short-stay-fee-rates';
import { bookNights, releaseNights } from './short-stay-ledger';
import { loadStayForAction, loadStayForBooking, recordEvent, stayView } from './short-stay-records';
import { ShortStayReminders } from './short-stay-reminders';
import { assertPasses } from './short-stay-requests.service';
import { nextStatus } from './short-stay-state-machine';
import { shortStayDeciderRefusal } from './short-stay-permissions';
import { ShortStayAction, ShortStayCheckCode, ShortStayRejectionReason } from './short-stay.enums';

/**
 * The decisions and events of a stay after its request: approve or reject
 * (a supervisor of the requesting office, never on their own request),
 * check-in, extension, return check, cancellation. Every action locks the
 * stay row first, checks access, then the state machine, then its own rules.
 */
@Injectable()
export class ShortStayDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: ShortStayReminders,
  ) {}

  /**
   * Re-judges the stay under locks (the child, the facility profile, every
   * night in date order), books one bed per night and stores the fee. Two
   * approvals racing for the last bed queue on the night rows: the second
   * sees the bed taken and gets a 409; the CHECK on the ledger is the backstop.
   */
  async approve(actor: Actor, id: string, dto: ApproveShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForDecision(manager, actor, id, dto, { openCase: true });
      const to = nextStatus(stay.status, ShortStayAction.Approve);
      const facility = await loadShortStayFacility(manager, stay.facilityId, 'share');
      const assessment = await this.assessLocked(manager, stay, facility, stay.firstNight);
      assertBookable(assessment);
      const fee = await feeForStay(manager, facility.type, stay.householdStatus, stay.firstNight, assessment.nights);
      if (!fee) throw businessRule('利用開始日に適用される利用者負担額の設定がありません。料金表を確認してください。');
      await bookNights(manager, stay, stay.firstNight, stay.lastNight);
      const from = stay.status;
      Object.assign(stay, {
        status: to,
        policyId: assessment.policyId,
        decidedBy: actor.userId,
        decidedAt: new Date(),
        decisionNote: dto.note ?? null,
        feeYen: fee.feeYen,
        feeDailyRateYen: fee.dailyRateYen,
        feeDays: fee.days,
        feeExempt: fee.exempt,
      });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Approve, from, to, actor.userId, dto.note ?? null, { policyId: assessment.policyId, fee });
      await this.reminders.stayApproved(manager, stay, actor.userId);
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  async reject(actor: Actor, id: string, dto: RejectShortStayDto): Promise<ShortStayView> {
    if (dto.reason === ShortStayRejectionReason.Other && !dto.note) {
      throw validationFailed([{ field: 'note', code: 'required', message: '理由が「その他」のときは内容を記入してください。' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForDecision(manager, actor, id, dto);
      const to = nextStatus(stay.status, ShortStayAction.Reject);
      const from = stay.status;
      Object.assign(stay, { status: to, decidedBy: actor.userId, decidedAt: new Date(), rejectionReason: dto.reason, decisionNote: dto.note ?? null });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Reject, from, to, actor.userId, dto.note ?? null, { rejectionReason: dto.reason });
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /** The child arrived at the facility: recorded on a night of the stay. */
  async checkIn(actor: Actor, id: string, dto: CheckInShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForChange(manager, actor, id, dto);
      const to = nextStatus(stay.status, ShortStayAction.CheckIn);
      const today = todayInJapan();
      if (today < stay.firstNight || today > stay.lastNight) {
        throw businessRule(`入所は利用期間（${stay.firstNight}〜${stay.lastNight}）中に記録してください。利用しなかった場合は取消してください。`);
      }
      const from = stay.status;
      Object.assign(stay, { status: to, checkedInAt: new Date(), checkedInBy: actor.userId });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.CheckIn, from, to, actor.userId, dto.note ?? null);
      await this.reminders.stayStarted(manager, stay);
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /**
   * 延長: a later last night for an approved or ongoing stay. The added nights
   * are judged and booked like an approval (monthly limit, overlap, beds);
   * the per-stay limit may be exceeded, that being what an extension is for.
   * When the policy says so, only a supervisor of the office extends, and
   * not the stay they requested themselves.
   */
  async extend(actor: Actor, id: string, dto: ExtendShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForChange(manager, actor, id, dto, { openCase: true });
      const to = nextStatus(stay.status, ShortStayAction.Extend);
      if (dto.lastNight <= stay.lastNight) {
        throw validationFailed([{ field: 'lastNight', code: 'not_later', message: `延長後の最終泊は現在の最終泊（${stay.lastNight}）より後にしてください。` }]);
      }
      if (await this.extensionNeedsSupervisor(manager, stay)) this.assertDecider(actor, stay, '延長');
      const facility = await loadShortStayFacility(manager, stay.facilityId, 'share');
      const previousLastNight = stay.lastNight;
      const bookFrom = addDays(previousLastNight, 1);
      const assessment = await this.assessLocked(manager, { ...stay, lastNight: dto.lastNight }, facility, bookFrom);
      assertBookable(assessment);
      const fee = await feeForStay(manager, facility.type, stay.householdStatus, stay.firstNight, assessment.nights);
      if (!fee) throw businessRule('利用開始日に適用される利用者負担額の設定がありません。料金表を確認してください。');
      await bookNights(manager, stay, bookFrom, dto.lastNight);
      Object.assign(stay, { lastNight: dto.lastNight, feeYen: fee.feeYen, feeDailyRateYen: fee.dailyRateYen, feeDays: fee.days, feeExempt: fee.exempt });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Extend, stay.status, to, actor.userId, dto.reason, { fromLastNight: previousLastNight, toLastNight: dto.lastNight, fee });
      await this.reminders.stayExtended(manager, stay, actor.userId);
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /**
   * 帰宅後確認: the child went home (on the check-out day, or earlier: the
   * nights not used are freed) and the worker checked on them.
   */
  async complete(actor: Actor, id: string, dto: CompleteShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForChange(manager, actor, id, dto);
      const to = nextStatus(stay.status, ShortStayAction.Complete);
      const today = todayInJapan();
      const checkOut = addDays(stay.lastNight, 1);
      const errors = [];
      if (dto.returnedOn <= stay.firstNight || dto.returnedOn > checkOut) {
        errors.push({ field: 'returnedOn', code: 'outside_stay', message: `帰宅日は初泊の翌日から退所予定日までの日付にしてください（${addDays(stay.firstNight, 1)}〜${checkOut}）。` });
      }
      if (dto.returnedOn > today) errors.push({ field: 'returnedOn', code: 'in_future', message: '帰宅日に未来の日付は記録できません。' });
      if (dto.returnCheckedOn < dto.returnedOn || dto.returnCheckedOn > today) {
        errors.push({ field: 'returnCheckedOn', code: 'out_of_range', message: '帰宅後確認日は帰宅日から本日までの日付にしてください。' });
      }
      if (errors.length) throw validationFailed(errors);
      const plannedLastNight = stay.lastNight;
      const details: Record<string, unknown> = { returnedOn: dto.returnedOn, plannedLastNight };
      if (dto.returnedOn < checkOut) {
        // Early return: the nights from the return day on were not used; free them and charge the days used.
        details.nightsFreed = await releaseNights(manager, stay.id, dto.returnedOn);
        const nightsUsed = daysBetween(stay.firstNight, dto.returnedOn);
        stay.lastNight = addDays(dto.returnedOn, -1);
        const facility = await loadShortStayFacility(manager, stay.facilityId);
        const fee = await feeForStay(manager, facility.type, stay.householdStatus, stay.firstNight, nightsUsed);
        if (fee) Object.assign(stay, { feeYen: fee.feeYen, feeDailyRateYen: fee.dailyRateYen, feeDays: fee.days, feeExempt: fee.exempt });
        details.nightsUsed = nightsUsed;
      }
      const from = stay.status;
      Object.assign(stay, {
        status: to,
        returnedOn: dto.returnedOn,
        returnCheckedOn: dto.returnCheckedOn,
        returnCheckedBy: actor.userId,
        childCondition: dto.childCondition,
        returnCheckNotes: dto.notes ?? null,
      });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Complete, from, to, actor.userId, null, details);
      await this.reminders.stayResolved(manager, stay);
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /** Withdraws a request or an approved stay that has not begun; an approved stay's beds are freed at once. */
  async cancel(actor: Actor, id: string, dto: CancelShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const stay = await this.loadForChange(manager, actor, id, dto);
      const to = nextStatus(stay.status, ShortStayAction.Cancel);
      const nightsFreed = await releaseNights(manager, stay.id);
      const from = stay.status;
      Object.assign(stay, { status: to, cancelledAt: new Date(), cancelledBy: actor.userId, cancelReason: dto.reason });
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Cancel, from, to, actor.userId, dto.reason, { nightsFreed });
      await this.reminders.stayResolved(manager, stay);
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /** A decision: the caller must be a supervisor of the requesting office, and not its requester. */
  private async loadForDecision(manager: EntityManager, actor: Actor, id: string, dto: ShortStayActionDto, options: { openCase?: boolean } = {}): Promise<ShortStay> {
    const stay = await this.loadForChange(manager, actor, id, dto, options);
    this.assertDecider(actor, stay, '承認・不承認');
    return stay;
  }

  private async loadForChange(manager: EntityManager, actor: Actor, id: string, dto: ShortStayActionDto, options: { openCase?: boolean } = {}): Promise<ShortStay> {
    const { stay, caseFacts } = options.openCase ? await loadStayForBooking(this.access, manager, actor, id) : await loadStayForAction(this.access, manager, actor, id, 'write');
    if (dto.version !== undefined && dto.version !== stay.version) throw versionConflict();
    if (options.openCase && caseFacts.status === 'closed') throw businessRule('ケースが終結しているため、新たに泊を確保することはできません。');
    return stay;
  }

  /** The policy that judged the stay at approval says who may extend it. */
  private async extensionNeedsSupervisor(manager: EntityManager, stay: ShortStay): Promise<boolean> {
    const rows = await sqlRows<{ extension_requires_approval: boolean }>(manager, `SELECT extension_requires_approval FROM short_stay_policies WHERE id = $1`, [stay.policyId]);
    return rows[0]?.extension_requires_approval ?? true;
  }

  private assertDecider(actor: Actor, stay: ShortStay, what: string): void {
    const refusal = shortStayDeciderRefusal(actor, stay, what);
    if (refusal) throw forbidden(refusal);
  }

  private async assessLocked(manager: EntityManager, stay: ShortStay, facility: ShortStayFacilityFacts, bookFrom: string): Promise<Assessment> {
    const { birthDate } = await loadChildOfCase(manager, stay.caseId, stay.childId);
    return assessShortStay(manager, {
      today: todayInJapan(),
      childId: stay.childId,
      birthDate,
      facility,
      firstNight: stay.firstNight,
      lastNight: stay.lastNight,
      stayId: stay.id,
      bookFrom: bookFrom === stay.firstNight ? undefined : bookFrom,
      lock: true,
    });
  }
}

/**
 * Rules first (422 with the checks), then beds: when only the beds fail, the
 * night was taken since the request was checked, which is a conflict (409).
 */
function assertBookable(assessment: Assessment): void {
  const failed = assessment.checks.filter((c) => !c.passed);
  if (failed.length === 0) return;
  if (failed.every((c) => c.code === ShortStayCheckCode.BedsFree)) {
    const fullNights = (failed[0].details?.fullNights as string[] | undefined) ?? [];
    throw conflict(`空床がありません（${fullNights.join('、')}）。最後の空床は他の利用で確保済みです。日程または施設を変えてください。`, {
      fullNights,
      checks: assessment.checks,
    });
  }
  assertPasses(assessment);
}

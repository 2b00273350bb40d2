import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { definedFields } from '../../common/http/defined-fields';
import { assertNoNulls } from './assert-no-nulls';
import { PregnancySettingsView, UpdatePregnancySettingsDto } from './dto/pregnancy-settings.dto';
import { PregnancySettings } from './pregnancy-settings.entity';
import { PostpartumCareType } from '../postpartum-care/postpartum-care-type';

/** The settings in force for one office: its own row if it has one, else the ward default. */
export type EffectiveSettings = Pick<
  PregnancySettings,
  | 'unreachableAfterAttempts'
  | 'interviewReminderDays'
  | 'interviewEscalationDays'
  | 'postpartumEligibilityMonths'
  | 'overnightStayMaxAgeMonths'
  | 'maxSessionsOvernightStay'
  | 'maxSessionsDayCare'
  | 'maxSessionsHomeVisit'
>;

export function maxSessionsFor(settings: EffectiveSettings, type: PostpartumCareType): number {
  switch (type) {
    case PostpartumCareType.OvernightStay:
      return settings.maxSessionsOvernightStay;
    case PostpartumCareType.DayCare:
      return settings.maxSessionsDayCare;
    case PostpartumCareType.HomeVisit:
      return settings.maxSessionsHomeVisit;
  }
}

@Injectable()
export class PregnancySettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async effective(manager: EntityManager, officeId: string): Promise<EffectiveSettings> {
    const rows = await manager.getRepository(PregnancySettings).find({ where: [{ officeId }, { officeId: IsNull() }] });
    const row = rows.find((r) => r.officeId === officeId) ?? rows.find((r) => r.officeId === null);
    if (!row) throw new Error('pregnancy_settings has no ward default row');
    return row;
  }

  async list(): Promise<PregnancySettingsView[]> {
    const rows = await this.dataSource.getRepository(PregnancySettings).find();
    return rows.sort((a, b) => (a.officeId === null ? -1 : b.officeId === null ? 1 : a.officeId.localeCompare(b.officeId))).map(toView);
  }

  /**
   * Writes the ward default (no officeId) or an office's own settings. An
   * office row starts as a copy of the default and then takes the changes.
   */
  async update(actor: Actor, dto: UpdatePregnancySettingsDto): Promise<PregnancySettingsView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(PregnancySettings);
      const officeId = dto.officeId ?? null;
      if (officeId) {
        const offices: Array<{ type: string }> = await manager.query(`SELECT type FROM offices WHERE id = $1`, [officeId]);
        if (!offices[0]) throw notFound('office');
        if (offices[0].type !== 'health_center') throw validationFailed([{ field: 'officeId', code: 'not_a_health_center', message: '保健相談所を指定してください。' }]);
      }
      let row = await repo.findOne({ where: { officeId: officeId ?? IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (row) {
        if (dto.version === undefined || row.version !== dto.version) throw versionConflict();
      } else {
        if (!officeId) throw new Error('pregnancy_settings has no ward default row');
        const base = await this.effective(manager, officeId);
        row = repo.create({ ...pickSettings(base), officeId });
      }
      const { officeId: _office, version: _version, ...changes } = definedFields(dto);
      assertNoNulls(changes, Object.keys(changes) as Array<keyof typeof changes>);
      Object.assign(row, changes, { updatedBy: actor.userId });
      const problems = checkSettings(row);
      if (problems.length) throw validationFailed(problems);
      return toView(await repo.save(row));
    });
  }
}

function pickSettings(s: EffectiveSettings): EffectiveSettings {
  return {
    unreachableAfterAttempts: s.unreachableAfterAttempts,
    interviewReminderDays: s.interviewReminderDays,
    interviewEscalationDays: s.interviewEscalationDays,
    postpartumEligibilityMonths: s.postpartumEligibilityMonths,
    overnightStayMaxAgeMonths: s.overnightStayMaxAgeMonths,
    maxSessionsOvernightStay: s.maxSessionsOvernightStay,
    maxSessionsDayCare: s.maxSessionsDayCare,
    maxSessionsHomeVisit: s.maxSessionsHomeVisit,
  };
}

function checkSettings(s: EffectiveSettings) {
  const problems = [];
  if (s.interviewEscalationDays <= s.interviewReminderDays) {
    problems.push({ field: 'interviewEscalationDays', code: 'not_after_reminder', message: '係長への通知日数は担当者への通知日数より後にしてください。' });
  }
  if (s.overnightStayMaxAgeMonths > s.postpartumEligibilityMonths) {
    problems.push({ field: 'overnightStayMaxAgeMonths', code: 'beyond_eligibility', message: '宿泊型の月齢上限は産後ケアの対象期間以内にしてください。' });
  }
  return problems;
}

function toView(s: PregnancySettings): PregnancySettingsView {
  return { id: s.id, officeId: s.officeId, ...pickSettings(s), version: s.version, updatedAt: s.updatedAt };
}

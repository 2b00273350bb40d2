import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StayForReminders } from './short-stay-reminder-plan';

/**
 * Interim: the reminder engine (issue 3) is not on main yet. The plan is
 * built and unit-tested (short-stay-reminder-plan.ts); this adapter is
 * replaced by the engine-backed one when the engine is merged.
 */
@Injectable()
export class ShortStayReminders {
  async scheduleForBookedStay(_manager: EntityManager, _stay: StayForReminders): Promise<void> {}
  async stayStarted(_manager: EntityManager, _stay: Pick<StayForReminders, 'id'>): Promise<void> {}
  async returnChecked(_manager: EntityManager, _stay: Pick<StayForReminders, 'id'>): Promise<void> {}
  async cancelAll(_manager: EntityManager, _stay: Pick<StayForReminders, 'id'>): Promise<void> {}
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RemindersService } from '../reminders/reminders.service';
import { planStayReminders, returnCheckKey, startsTomorrowKey, StayForReminders } from './short-stay-reminder-plan';
import { ShortStayReminderRule } from './short-stay.enums';

/**
 * Applies a stay's reminder plan through the reminder engine, inside the
 * caller's transaction: scheduled at approval, the return check moved by an
 * extension, each cancelled when its subject is resolved.
 */
@Injectable()
export class ShortStayReminders {
  constructor(private readonly reminders: RemindersService) {}

  async stayApproved(manager: EntityManager, stay: StayForReminders): Promise<void> {
    for (const reminder of planStayReminders(stay)) await this.reminders.schedule(manager, reminder);
  }

  /** Only the return check moves: the start reminder keeps its time (rescheduling it would deliver it again). */
  async stayExtended(manager: EntityManager, stay: StayForReminders): Promise<void> {
    for (const reminder of planStayReminders(stay)) {
      if (reminder.rule === ShortStayReminderRule.ReturnCheckDue) await this.reminders.schedule(manager, reminder);
    }
  }

  /** The child has arrived: "starts tomorrow" has nothing left to say. */
  async stayStarted(manager: EntityManager, stay: Pick<StayForReminders, 'id'>): Promise<void> {
    await this.reminders.cancel(manager, startsTomorrowKey(stay.id));
  }

  /** Return check recorded, or the stay cancelled: every reminder of the stay and its escalation stop. */
  async stayResolved(manager: EntityManager, stay: Pick<StayForReminders, 'id'>): Promise<void> {
    await this.reminders.cancelMany(manager, [startsTomorrowKey(stay.id), returnCheckKey(stay.id)]);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows } from '../../database/sql';
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

  async stayApproved(manager: EntityManager, stay: BookedStay, deciderId: string): Promise<void> {
    const workerId = await workerOf(manager, stay, deciderId);
    for (const reminder of planStayReminders({ ...stay, workerId })) await this.reminders.schedule(manager, reminder);
  }

  /** Only the return check moves: the start reminder keeps its time (rescheduling it would deliver it again). */
  async stayExtended(manager: EntityManager, stay: BookedStay, deciderId: string): Promise<void> {
    const workerId = await workerOf(manager, stay, deciderId);
    for (const reminder of planStayReminders({ ...stay, workerId })) {
      if (reminder.rule === ShortStayReminderRule.ReturnCheckDue) await this.reminders.schedule(manager, reminder);
    }
  }

  /**
   * The case moved to another office (`stay.officeId` the new one): the
   * stay's reminders go to whoever works it there and to that office's
   * supervisors. Once the child has arrived, "starts tomorrow" stays as it
   * was (cancelled).
   */
  async stayHandedOver(manager: EntityManager, stay: BookedStay, acceptedBy: string, started: boolean): Promise<void> {
    const workerId = await workerOf(manager, stay, acceptedBy);
    for (const reminder of planStayReminders({ ...stay, workerId })) {
      if (!started || reminder.rule === ShortStayReminderRule.ReturnCheckDue) await this.reminders.schedule(manager, reminder);
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

/** A stay being booked or extended, as its reminders need it. */
export interface BookedStay {
  id: string;
  officeId: string;
  caseId: string;
  requestedBy: string;
  firstNight: string;
  lastNight: string;
}

/**
 * Who works the stay now: its requester while at the stay's office; after
 * the case moved to another office (or the requester did), the case's lead
 * worker there, else the supervisor deciding (or accepting the case).
 */
async function workerOf(manager: EntityManager, stay: BookedStay, deciderId: string): Promise<string> {
  const [row] = await sqlRows<{ worker: string | null }>(
    manager,
    `SELECT coalesce(
              (SELECT u.id FROM users u WHERE u.id = $1 AND u.office_id = $2 AND u.active),
              (SELECT l.id FROM cases c JOIN users l ON l.id = c.lead_worker_id AND l.office_id = $2 AND l.active WHERE c.id = $3)
            ) AS worker`,
    [stay.requestedBy, stay.officeId, stay.caseId],
  );
  return row?.worker ?? deciderId;
}

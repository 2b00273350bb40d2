import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../../../common/auth/actor';
import { validationFailed } from '../../../common/problem/problem';
import { sqlRows } from '../../../database/sql';
import { RemindersService } from '../reminders.service';
import { noteCreatedRecord } from '../../audit/write-audit';
import { ScheduleTestReminderDto, TestReminderView } from './due-list.dto';

export const TEST_RULE = 'demo.test';
const MAX_AHEAD_MS = 30 * 24 * 3_600_000;
/** A little slack for the caller's clock: "now" typed a second ago is still accepted. */
const PAST_SLACK_MS = 60_000;

/** The demo rule: anyone may remind themselves, to see the engine work end to end before the feature modules land. */
@Injectable()
export class TestReminderService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly reminders: RemindersService) {}

  async schedule(actor: Actor, dto: ScheduleTestReminderDto, now = new Date()): Promise<TestReminderView> {
    const dueAt = new Date(dto.dueAt);
    if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() < now.getTime() - PAST_SLACK_MS || dueAt.getTime() > now.getTime() + MAX_AHEAD_MS) {
      throw validationFailed([{ field: 'dueAt', code: 'out_of_range', message: 'dueAt must be between now and 30 days ahead.' }]);
    }
    const key = `${TEST_RULE}:${actor.userId}:${randomUUID()}`;
    return this.dataSource.transaction(async (manager) => {
      await this.reminders.schedule(manager, {
        key,
        rule: TEST_RULE,
        subjectType: 'user',
        subjectId: actor.userId,
        officeId: actor.officeId,
        title: 'テスト通知です',
        dueAt,
        recipients: [{ kind: 'user', userId: actor.userId }],
      });
      const [row] = await sqlRows<{ id: string }>(manager, `SELECT id FROM reminders WHERE key = $1 AND stage = 'due'`, [key]);
      noteCreatedRecord(row.id);
      return { id: row.id, rule: TEST_RULE, dueAt };
    });
  }
}

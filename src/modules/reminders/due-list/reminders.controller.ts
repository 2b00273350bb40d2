import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../common/auth/actor';
import { AnyRole, CurrentActor } from '../../../common/auth/decorators';
import { Audited } from '../../audit/audited.decorator';
import { DueList, DueListQuery, ScheduleTestReminderDto, TestReminderView } from './due-list.dto';
import { DueListService } from './due-list.service';
import { TestReminderService } from './test-reminder.service';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly dueLists: DueListService, private readonly testReminders: TestReminderService) {}

  /** The caller's work list; supervisors may ask for their whole office (`scope=office`). */
  @Get()
  @AnyRole()
  @Audited('reminder.list', 'reminder', { recordQuery: true })
  @ApiOkResponse({ type: DueList })
  list(@CurrentActor() actor: Actor, @Query() query: DueListQuery): Promise<DueList> {
    return this.dueLists.list(actor, query);
  }

  /** Demo rule: a reminder to oneself at the given time. */
  @Post('test')
  @AnyRole()
  @Audited('reminder.schedule_test', 'reminder')
  @ApiOkResponse({ type: TestReminderView })
  scheduleTest(@CurrentActor() actor: Actor, @Body() body: ScheduleTestReminderDto): Promise<TestReminderView> {
    return this.testReminders.schedule(actor, body);
  }
}

import { Module } from '@nestjs/common';
import { DueListService } from './due-list/due-list.service';
import { RemindersController } from './due-list/reminders.controller';
import { TestReminderService } from './due-list/test-reminder.service';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsService } from './inbox/notifications.service';
import { MailFailuresController } from './mail/mail-failures.controller';

/** HTTP side: the inbox, the due lists, the demo rule and the admins' e-mail failure list. */
@Module({
  controllers: [NotificationsController, RemindersController, MailFailuresController],
  providers: [NotificationsService, DueListService, TestReminderService],
})
export class RemindersApiModule {}

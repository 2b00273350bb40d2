import { Module } from '@nestjs/common';
import { RecipientResolution } from './delivery/recipient-resolution';
import { ReminderDeliveryHandler } from './delivery/reminder-delivery.handler';
import { MailEnqueuer } from './mail/mail-enqueuer';
import { MailSendHandler } from './mail/mail-send.handler';
import { Mailer } from './mail/mailer';
import { ReconcileSchedule } from './reconcile/reconcile-schedule';
import { ReminderReconcilerHandler } from './reconcile/reminder-reconciler.handler';

/** Worker side: delivery, e-mail and the reconciler. Only the worker entry imports this. */
@Module({
  providers: [ReminderDeliveryHandler, RecipientResolution, MailEnqueuer, Mailer, MailSendHandler, ReminderReconcilerHandler, ReconcileSchedule],
})
export class RemindersWorkerModule {}

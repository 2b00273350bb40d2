import { MailDeliveryState } from './mail/mail-delivery.entity';
import { ReminderStage, ReminderState } from './reminder.entity';

export const REMINDER_STATE_LABELS: Record<ReminderState, string> = {
  [ReminderState.Scheduled]: '予定',
  [ReminderState.Delivered]: '通知済み',
  [ReminderState.Cancelled]: '取消',
  [ReminderState.Failed]: '通知先なし',
};

export const REMINDER_STAGE_LABELS: Record<ReminderStage, string> = {
  [ReminderStage.Due]: '期日',
  [ReminderStage.Escalation]: 'エスカレーション',
};

export const MAIL_DELIVERY_STATE_LABELS: Record<MailDeliveryState, string> = {
  [MailDeliveryState.Pending]: '送信待ち',
  [MailDeliveryState.Sent]: '送信済み',
  [MailDeliveryState.Skipped]: '送信不要',
  [MailDeliveryState.Failed]: '送信失敗',
};

import { japanDateOf } from '../../../common/time/japan-time';
import type { OutgoingMail } from './mailer';

export interface ReminderMailFacts {
  to: string;
  notificationId: string;
  title: string;
  dueAt: Date;
  subjectType: string;
  subjectId: string;
  urgent: boolean;
}

/**
 * The reminder e-mail: the short label, the due time, a record reference and
 * a link. Nothing else about the case leaves the system by mail.
 */
export function reminderMail(facts: ReminderMailFacts, publicBaseUrl: string): OutgoingMail {
  const due = new Date(facts.dueAt.getTime() + 9 * 3_600_000).toISOString();
  const link = `${publicBaseUrl.replace(/\/$/, '')}/notifications/${facts.notificationId}`;
  return {
    to: facts.to,
    subject: `${facts.urgent ? '【至急】' : ''}【はぐくみ】${facts.title}`,
    text: [
      facts.title,
      '',
      `期日: ${japanDateOf(facts.dueAt)} ${due.slice(11, 16)}（日本時間）`,
      `対象: ${facts.subjectType} ${facts.subjectId}`,
      `確認: ${link}`,
      '',
      'このメールは送信専用です。詳細はシステムにサインインしてご確認ください。',
      'メール通知は「設定」から停止できます。',
    ].join('\n'),
  };
}

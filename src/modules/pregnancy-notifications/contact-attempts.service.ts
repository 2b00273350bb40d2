import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { FieldError, validationFailed } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { ContactResult } from './contact-attempt.entity';
import { statusAfterContact } from './contact-outcome';
import { ContactAttemptOutcome, CreateContactAttemptDto } from './dto/pregnancy-notification.dto';
import { PregnancyHistoryAction, recordPregnancyHistory } from './pregnancy-history';
import { PregnancyNotification, PregnancyNotificationStatus } from './pregnancy-notification.entity';
import { PregnancyNotificationsService } from './pregnancy-notifications.service';
import { PregnancyReminders } from './pregnancy-reminders';
import { PregnancySettingsService } from './pregnancy-settings.service';

/**
 * Attempts to reach a mother who has not come for her interview. When the
 * unsuccessful attempts in a row reach the office's setting, the 妊娠届
 * becomes 連絡不通 (still counted as not interviewed) and the supervisors are
 * notified at once.
 */
@Injectable()
export class ContactAttemptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: PregnancyNotificationsService,
    private readonly settings: PregnancySettingsService,
    private readonly reminders: PregnancyReminders,
  ) {}

  async record(actor: Actor, notificationId: string, dto: CreateContactAttemptDto): Promise<ContactAttemptOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const n = await this.notifications.lockForWrite(manager, actor, notificationId);
      const errors: FieldError[] = [];
      if (dto.attemptedOn > todayInJapan()) errors.push({ field: 'attemptedOn', code: 'in_future', message: '連絡日が未来の日付です。' });
      if (dto.attemptedOn < n.filedOn) errors.push({ field: 'attemptedOn', code: 'before_filing', message: '連絡日が妊娠届の届出日より前です。' });
      if (errors.length) throw validationFailed(errors);

      const [inserted] = await manager.query(
        `INSERT INTO pregnancy_contact_attempts (notification_id, attempted_on, method, result, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [n.id, dto.attemptedOn, dto.method, dto.result, dto.note ?? null, actor.userId],
      );
      const results: Array<{ result: ContactResult }> = await manager.query(
        `SELECT result FROM pregnancy_contact_attempts WHERE notification_id = $1 ORDER BY attempted_on, created_at, id`,
        [n.id],
      );
      const settings = await this.settings.effective(manager, n.officeId);
      const outcome = statusAfterContact(n.status, results.map((r) => r.result), settings.unreachableAfterAttempts);
      if (outcome.status !== n.status) {
        const restored = n.status === PregnancyNotificationStatus.Unreachable;
        n.status = outcome.status;
        n.unreachableSince = outcome.status === PregnancyNotificationStatus.Unreachable ? new Date() : null;
        await manager.getRepository(PregnancyNotification).save(n);
        await recordPregnancyHistory(manager, n, restored ? PregnancyHistoryAction.ContactRestored : PregnancyHistoryAction.MarkedUnreachable, actor.userId);
      }
      if (outcome.becameUnreachable) await this.reminders.notifyUnreachable(manager, n, outcome.consecutive);
      return { attemptId: (inserted as { id: string }).id, becameUnreachable: outcome.becameUnreachable, threshold: settings.unreachableAfterAttempts };
    });
    const manager = this.dataSource.manager;
    const attempts = await this.notifications.contactAttempts(manager, notificationId);
    const attempt = attempts.find((a) => a.id === result.attemptId);
    if (!attempt) throw new Error('contact attempt vanished after insert');
    return {
      attempt,
      notification: await this.notifications.view(manager, actor, notificationId),
      unreachableAfterAttempts: result.threshold,
      becameUnreachable: result.becameUnreachable,
    };
  }
}

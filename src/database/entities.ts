import { AuditEvent } from '../modules/audit/audit-event.entity';
import { AuthSession, RefreshToken } from '../modules/auth/auth-session.entity';
import { Office } from '../modules/offices/office.entity';
import { Notification } from '../modules/reminders/inbox/notification.entity';
import { MailDelivery } from '../modules/reminders/mail/mail-delivery.entity';
import { Reminder } from '../modules/reminders/reminder.entity';
import { User } from '../modules/users/user.entity';

/** Every entity of the application; one list for the app, the CLI and the tests. */
export const ALL_ENTITIES = [Office, User, AuthSession, RefreshToken, AuditEvent, Reminder, Notification, MailDelivery];

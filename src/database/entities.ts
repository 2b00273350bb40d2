import { AuditEvent } from '../modules/audit/audit-event.entity';
import { AuthSession, RefreshToken } from '../modules/auth/auth-session.entity';
import { Case } from '../modules/cases/entities/case.entity';
import { CaseEvent } from '../modules/cases/entities/case-event.entity';
import { CaseNote } from '../modules/cases/entities/case-note.entity';
import { CaseTransfer } from '../modules/cases/entities/case-transfer.entity';
import { CaseProgressReview, ProgressReviewInterval } from '../modules/cases/entities/progress-review.entity';
import { ChildAbuseReport, ChildAbuseReportChild, SafetyConfirmation } from '../modules/child-abuse-reports/child-abuse-report.entity';
import { PersonLink } from '../modules/persons/person-link.entity';
import { CaseCoWorker, CaseMember } from '../modules/cases/entities/case-member.entity';
import { Facility } from '../modules/facilities/facility.entity';
import { Office } from '../modules/offices/office.entity';
import { Person } from '../modules/persons/person.entity';
import { Notification } from '../modules/reminders/inbox/notification.entity';
import { MailDelivery } from '../modules/reminders/mail/mail-delivery.entity';
import { Reminder } from '../modules/reminders/reminder.entity';
import { User } from '../modules/users/user.entity';

/** Every entity of the application; one list for the app, the CLI and the tests. */
export const ALL_ENTITIES = [
  Office,
  User,
  AuthSession,
  RefreshToken,
  AuditEvent,
  Person,
  Case,
  CaseMember,
  CaseCoWorker,
  Facility,
  Reminder,
  Notification,
  MailDelivery,
  // cases registry and 通告 intake (issue 4)
  PersonLink,
  CaseEvent,
  CaseNote,
  CaseTransfer,
  CaseProgressReview,
  ProgressReviewInterval,
  ChildAbuseReport,
  ChildAbuseReportChild,
  SafetyConfirmation,
];

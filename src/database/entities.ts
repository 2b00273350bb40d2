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
import { AttendanceReport } from '../modules/facility-rounds/entities/attendance-report.entity';
import { ChildOfConcern } from '../modules/facility-rounds/entities/child-of-concern.entity';
import {
  FacilityRound,
  FacilityRoundConsultation,
  FacilityRoundFollowUp,
  FacilityRoundObservation,
} from '../modules/facility-rounds/entities/facility-round.entity';
import { Office } from '../modules/offices/office.entity';
import { Person } from '../modules/persons/person.entity';
import { Notification } from '../modules/reminders/inbox/notification.entity';
import { MailDelivery } from '../modules/reminders/mail/mail-delivery.entity';
import { Reminder } from '../modules/reminders/reminder.entity';
import { SHORT_STAY_ENTITIES } from '../modules/short-stays/entities';
import { User } from '../modules/users/user.entity';
import { PregnancyContactAttempt } from '../modules/pregnancy-notifications/contact-attempt.entity';
import { PregnancyNotification } from '../modules/pregnancy-notifications/pregnancy-notification.entity';
import { PregnancySettings } from '../modules/pregnancy-notifications/pregnancy-settings.entity';
import { PregnancyInterview } from '../modules/pregnancy-interviews/pregnancy-interview.entity';
import { PostpartumCareApplication } from '../modules/postpartum-care/postpartum-care.entity';
import { WatchVisit, WatchVisitChild } from '../modules/watch-visits/entities/watch-visit.entity';
import { WatchVisitPlan } from '../modules/watch-visits/entities/watch-visit-plan.entity';
import { WatchVisitPlanEvent } from '../modules/watch-visits/entities/watch-visit-plan-event.entity';
import { Referral } from '../modules/referrals/entities/referral.entity';
import { CentreRequest } from '../modules/centre-requests/entities/centre-request.entity';
import { GuidanceProgressReport } from '../modules/centre-requests/entities/guidance-progress-report.entity';
import { CaseConference, CaseConferenceAction } from '../modules/case-conferences/entities/case-conference.entity';

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
  PregnancySettings,
  PregnancyNotification,
  PregnancyContactAttempt,
  PregnancyInterview,
  PostpartumCareApplication,
  ...SHORT_STAY_ENTITIES,
  WatchVisitPlan,
  WatchVisitPlanEvent,
  WatchVisit,
  WatchVisitChild,
  ChildOfConcern,
  FacilityRound,
  FacilityRoundObservation,
  FacilityRoundConsultation,
  FacilityRoundFollowUp,
  AttendanceReport,
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
  Referral,
  CentreRequest,
  GuidanceProgressReport,
  CaseConference,
  CaseConferenceAction,
];

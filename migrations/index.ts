import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { CaseCore1764150000000 } from './1764150000000-case-core';
import { Reminders1764200000000 } from './1764200000000-reminders';
import { CasesRegistry1764300000000 } from './1764300000000-cases-registry';
import { ChildAbuseReports1764300000001 } from './1764300000001-child-abuse-reports';
import { CaseTimeline1764300000002 } from './1764300000002-case-timeline';
import { PersonCaseOffices1764300000003 } from './1764300000003-person-case-offices';
import { Pregnancy1764400000000 } from './1764400000000-pregnancy';
import { WatchVisits1764500000000 } from './1764500000000-watch-visits';
import { FacilityRounds1764500000001 } from './1764500000001-facility-rounds';
import { ShortStays1764600000000 } from './1764600000000-short-stays';
import { FeatureTimelines1764650000000 } from './1764650000000-feature-timelines';
import { Referrals1764700000000 } from './1764700000000-referrals';
import { CentreRequests1764700000001 } from './1764700000001-centre-requests';
import { CaseConferences1764700000002 } from './1764700000002-case-conferences';
import { CentreCoordinationTimeline1764700000003 } from './1764700000003-centre-coordination-timeline';
import { Measures1764800000000 } from './1764800000000-measures';
import { MeasureVisitDues1764800000001 } from './1764800000001-measure-visit-dues';
import { PersonsInRestrictedCase1764900000000 } from './1764900000000-persons-in-restricted-case';
import { WatchVisitPlansOffice1764900000001 } from './1764900000001-watch-visit-plans-office';
import { WatchVisitPlansCaseOpen1764900000002 } from './1764900000002-watch-visit-plans-case-open';
import { WatchVisitsPlanRecent1764900000003 } from './1764900000003-watch-visits-plan-recent';
import { AuthChangeNotify1764900000004 } from './1764900000004-auth-change-notify';
import { RemindersUnreadIndexes1764900000005 } from './1764900000005-reminders-unread-indexes';
import { WatchVisitPlansOfficeDueIndex1764900000006 } from './1764900000006-watch-visit-plans-office-due-index';
import { RemindersOpenRecipientsIndex1764900000007 } from './1764900000007-reminders-open-recipients-index';
import { WatchVisitPlansCaseIndex1764900000008 } from './1764900000008-watch-visit-plans-case-index';
import { OfficeConsultantScopeNotify1764900000009 } from './1764900000009-office-consultant-scope-notify';
import { AuditOutbox1764900000010 } from './1764900000010-audit-outbox';
import { AuditDigestPlpgsql1764900000011 } from './1764900000011-audit-digest-plpgsql';
import { WatchVisitsCaseCovering1764900000012 } from './1764900000012-watch-visits-case-covering';
import { CasesOfficeReviewIndex1764900000013 } from './1764900000013-cases-office-review-index';
import { CasesMemberNames1764900000014 } from './1764900000014-cases-member-names';
import { PersonsOfficeNameTrigrams1764900000015 } from './1764900000015-persons-office-name-trigrams';
import { PersonsOfficeKanaCoversKanji1764900000016 } from './1764900000016-persons-office-kana-covers-kanji';
import { CasesLeadWorkerCoversOffice1764900000017 } from './1764900000017-cases-lead-worker-covers-office';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Reminders1764200000000,
  CasesRegistry1764300000000,
  ChildAbuseReports1764300000001,
  CaseTimeline1764300000002,
  PersonCaseOffices1764300000003,
  Pregnancy1764400000000,
  WatchVisits1764500000000,
  FacilityRounds1764500000001,
  ShortStays1764600000000,
  FeatureTimelines1764650000000,
  Referrals1764700000000,
  CentreRequests1764700000001,
  CaseConferences1764700000002,
  CentreCoordinationTimeline1764700000003,
  Measures1764800000000,
  MeasureVisitDues1764800000001,
  PersonsInRestrictedCase1764900000000,
  WatchVisitPlansOffice1764900000001,
  WatchVisitPlansCaseOpen1764900000002,
  WatchVisitsPlanRecent1764900000003,
  AuthChangeNotify1764900000004,
  RemindersUnreadIndexes1764900000005,
  WatchVisitPlansOfficeDueIndex1764900000006,
  RemindersOpenRecipientsIndex1764900000007,
  WatchVisitPlansCaseIndex1764900000008,
  OfficeConsultantScopeNotify1764900000009,
  AuditOutbox1764900000010,
  AuditDigestPlpgsql1764900000011,
  WatchVisitsCaseCovering1764900000012,
  CasesOfficeReviewIndex1764900000013,
  CasesMemberNames1764900000014,
  PersonsOfficeNameTrigrams1764900000015,
  PersonsOfficeKanaCoversKanji1764900000016,
  CasesLeadWorkerCoversOffice1764900000017,
];

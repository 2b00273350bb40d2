import { ATTENDEE_ORGANISATION_KIND_LABELS, CASE_CONFERENCE_TYPE_LABELS, CONFERENCE_ACTION_STATUS_LABELS } from '../case-conferences/case-conference.enums';
import { CASE_CONFERENCE_REMINDER_RULE_LABELS } from '../case-conferences/case-conference.reminders';
import { CENTRE_REQUEST_EVENT_LABELS, CENTRE_REQUEST_KIND_LABELS, CENTRE_REQUEST_STATE_LABELS, PROGRESS_REPORT_STATE_LABELS } from '../centre-requests/centre-request.enums';
import { CENTRE_REQUEST_REMINDER_RULE_LABELS } from '../centre-requests/centre-request.reminders';
import {
  REFERRAL_ACTION_LABELS,
  REFERRAL_COMMENT_KIND_LABELS,
  REFERRAL_LEGAL_BASIS_LABELS,
  REFERRAL_PERSON_ROLE_LABELS,
  REFERRAL_REQUESTED_MEASURE_LABELS,
  REFERRAL_SEND_METHOD_LABELS,
  REFERRAL_STATE_LABELS,
  REFERRAL_URGENCY_LABELS,
} from './referral.enums';
import { REFERRAL_REMINDER_RULE_LABELS } from './referral.reminders';

/** The dictionaries of 児童相談センターとの連携: 送致, inbound requests, joint case conferences. */
export const CENTRE_COORDINATION_DICTIONARIES: Record<string, Record<string, string>> = {
  referralState: REFERRAL_STATE_LABELS,
  referralAction: REFERRAL_ACTION_LABELS,
  referralUrgency: REFERRAL_URGENCY_LABELS,
  referralLegalBasis: REFERRAL_LEGAL_BASIS_LABELS,
  referralRequestedMeasure: REFERRAL_REQUESTED_MEASURE_LABELS,
  referralSendMethod: REFERRAL_SEND_METHOD_LABELS,
  referralPersonRole: REFERRAL_PERSON_ROLE_LABELS,
  referralCommentKind: REFERRAL_COMMENT_KIND_LABELS,
  referralReminderRule: REFERRAL_REMINDER_RULE_LABELS,
  centreRequestKind: CENTRE_REQUEST_KIND_LABELS,
  centreRequestState: CENTRE_REQUEST_STATE_LABELS,
  centreRequestEvent: CENTRE_REQUEST_EVENT_LABELS,
  progressReportState: PROGRESS_REPORT_STATE_LABELS,
  centreRequestReminderRule: CENTRE_REQUEST_REMINDER_RULE_LABELS,
  caseConferenceType: CASE_CONFERENCE_TYPE_LABELS,
  attendeeOrganisationKind: ATTENDEE_ORGANISATION_KIND_LABELS,
  conferenceActionStatus: CONFERENCE_ACTION_STATUS_LABELS,
  caseConferenceReminderRule: CASE_CONFERENCE_REMINDER_RULE_LABELS,
};

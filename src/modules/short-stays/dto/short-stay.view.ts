import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { addDays, ageOn, daysBetween } from '../../../common/time/japan-time';
import { FACILITY_TYPE_LABELS, FacilityType } from '../../facilities/facility.entity';
import type { Actor } from '../../../common/auth/actor';
import { allowedShortStayActions } from '../short-stay-permissions';
import {
  HOUSEHOLD_STATUS_LABELS,
  HouseholdStatus,
  SHORT_STAY_REJECTION_REASON_LABELS,
  SHORT_STAY_STATUS_LABELS,
  ShortStayAction,
  ShortStayRejectionReason,
  ShortStayStatus,
} from '../short-stay.enums';

export class ShortStayFeeView {
  @ApiProperty() feeYen!: number;
  @ApiProperty() dailyRateYen!: number;
  @ApiProperty({ description: 'Days of use: nights + 1' }) days!: number;
  @ApiProperty({ description: '生活保護 or 住民税非課税: free' }) exempt!: boolean;
}

export class ShortStayEventView {
  @ApiProperty({ enum: ShortStayAction }) action!: ShortStayAction;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ enum: ShortStayStatus, nullable: true }) fromStatus!: ShortStayStatus | null;
  @ApiProperty({ enum: ShortStayStatus }) toStatus!: ShortStayStatus;
  @ApiProperty({ format: 'uuid' }) actorId!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: Object }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
}

export class ShortStayView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty() childNameKanji!: string;
  @ApiProperty() childNameKana!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Age on the first night' }) childAgeOnFirstNight!: number | null;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ enum: FacilityType }) facilityType!: FacilityType;
  @ApiProperty() facilityTypeLabel!: string;
  @ApiProperty() firstNight!: string;
  @ApiProperty() lastNight!: string;
  @ApiProperty({ description: 'The day after the last night' }) checkOutOn!: string;
  @ApiProperty() nights!: number;
  @ApiProperty({ enum: ShortStayStatus }) status!: ShortStayStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ enum: ShortStayAction, isArray: true, description: 'Actions the caller may take now: the state allows them and the caller holds the role, office and (for decisions) is not the requester' }) allowedActions!: ShortStayAction[];
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: HouseholdStatus }) householdStatus!: HouseholdStatus;
  @ApiProperty() householdStatusLabel!: string;
  @ApiProperty() guardianConsentOn!: string;
  @ApiProperty() guardianConsentBy!: string;
  @ApiProperty() contactDuringStay!: string;
  @ApiProperty({ nullable: true, type: String }) allergies!: string | null;
  @ApiProperty({ nullable: true, type: String }) medicalNotes!: string | null;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty() requestedByName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) policyId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty({ nullable: true, enum: ShortStayRejectionReason }) rejectionReason!: ShortStayRejectionReason | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReasonLabel!: string | null;
  @ApiProperty({ nullable: true, type: ShortStayFeeView }) fee!: ShortStayFeeView | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) checkedInAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) returnedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnCheckedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) childCondition!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnCheckNotes!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({ type: ShortStayEventView, isArray: true, description: 'History (detail only)' }) events?: ShortStayEventView[];
}

/** The SELECT behind every stay view: the stay with its case number, child, facility and requester. */
export const SHORT_STAY_VIEW_SELECT = `
  SELECT s.*, c.case_number, c.office_id AS case_office_id, c.status = 'closed' AS case_closed, p.name_kanji AS child_name_kanji, p.name_kana AS child_name_kana, p.birth_date AS child_birth_date,
         f.name AS facility_name, f.type AS facility_type, u.display_name AS requested_by_name,
         coalesce(sp.extension_requires_approval, true) AS extension_by_supervisor
    FROM short_stays s
    JOIN cases c ON c.id = s.case_id
    JOIN persons p ON p.id = s.child_id
    JOIN facilities f ON f.id = s.facility_id
    JOIN users u ON u.id = s.requested_by
    LEFT JOIN short_stay_policies sp ON sp.id = s.policy_id`;

export interface ShortStayRow {
  id: string;
  office_id: string;
  case_id: string;
  case_number: string;
  case_office_id: string;
  case_closed: boolean;
  extension_by_supervisor: boolean;
  child_id: string;
  child_name_kanji: string;
  child_name_kana: string;
  child_birth_date: string | null;
  facility_id: string;
  facility_name: string;
  facility_type: FacilityType;
  first_night: string;
  last_night: string;
  status: ShortStayStatus;
  reason: string;
  household_status: HouseholdStatus;
  guardian_consent_on: string;
  guardian_consent_by: string;
  contact_during_stay: string;
  allergies: string | null;
  medical_notes: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  policy_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  rejection_reason: ShortStayRejectionReason | null;
  fee_yen: number | null;
  fee_daily_rate_yen: number | null;
  fee_days: number | null;
  fee_exempt: boolean | null;
  checked_in_at: Date | null;
  returned_on: string | null;
  return_checked_on: string | null;
  child_condition: string | null;
  return_check_notes: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The stay as `actor` sees it: `allowedActions` are the actions open to them. */
export function toShortStayView(row: ShortStayRow, actor: Actor): ShortStayView {
  const firstNight = row.first_night;
  const lastNight = row.last_night;
  return {
    id: row.id,
    officeId: row.office_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    childId: row.child_id,
    childNameKanji: row.child_name_kanji,
    childNameKana: row.child_name_kana,
    childAgeOnFirstNight: row.child_birth_date ? ageOn(row.child_birth_date, firstNight) : null,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    facilityType: row.facility_type,
    facilityTypeLabel: FACILITY_TYPE_LABELS[row.facility_type],
    firstNight,
    lastNight,
    checkOutOn: addDays(lastNight, 1),
    nights: daysBetween(firstNight, lastNight) + 1,
    status: row.status,
    statusLabel: SHORT_STAY_STATUS_LABELS[row.status],
    allowedActions: allowedShortStayActions(actor, {
      status: row.status,
      officeId: row.office_id,
      caseOfficeId: row.case_office_id,
      caseClosed: row.case_closed,
      requestedBy: row.requested_by,
      extensionBySupervisor: row.extension_by_supervisor,
    }),
    reason: row.reason,
    householdStatus: row.household_status,
    householdStatusLabel: HOUSEHOLD_STATUS_LABELS[row.household_status],
    guardianConsentOn: row.guardian_consent_on,
    guardianConsentBy: row.guardian_consent_by,
    contactDuringStay: row.contact_during_stay,
    allergies: row.allergies,
    medicalNotes: row.medical_notes,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at,
    policyId: row.policy_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    rejectionReason: row.rejection_reason,
    rejectionReasonLabel: row.rejection_reason ? SHORT_STAY_REJECTION_REASON_LABELS[row.rejection_reason] : null,
    fee:
      row.fee_yen === null
        ? null
        : { feeYen: row.fee_yen, dailyRateYen: row.fee_daily_rate_yen ?? 0, days: row.fee_days ?? 0, exempt: row.fee_exempt ?? false },
    checkedInAt: row.checked_in_at,
    returnedOn: row.returned_on,
    returnCheckedOn: row.return_checked_on,
    childCondition: row.child_condition,
    returnCheckNotes: row.return_check_notes,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

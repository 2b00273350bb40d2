export enum CaseConferenceType {
  /** 個別ケース検討会議 */
  IndividualCase = 'individual_case',
  /** 進行管理会議 (要保護児童対策地域協議会) */
  ProgressManagement = 'progress_management',
  /** 緊急受理会議 */
  EmergencyIntake = 'emergency_intake',
}

export const CASE_CONFERENCE_TYPE_LABELS: Record<CaseConferenceType, string> = {
  [CaseConferenceType.IndividualCase]: '個別ケース検討会議',
  [CaseConferenceType.ProgressManagement]: '進行管理会議',
  [CaseConferenceType.EmergencyIntake]: '緊急受理会議',
};

/** Where an attendee comes from; `ward_office` attendees are users of the system. */
export enum AttendeeOrganisationKind {
  WardOffice = 'ward_office',
  ChildGuidanceCentre = 'child_guidance_centre',
  WelfareOffice = 'welfare_office',
  Police = 'police',
  School = 'school',
  Nursery = 'nursery',
  Medical = 'medical',
  Other = 'other',
}

export const ATTENDEE_ORGANISATION_KIND_LABELS: Record<AttendeeOrganisationKind, string> = {
  [AttendeeOrganisationKind.WardOffice]: '区（子ども家庭支援センター・保健相談所）',
  [AttendeeOrganisationKind.ChildGuidanceCentre]: '児童相談センター',
  [AttendeeOrganisationKind.WelfareOffice]: '福祉事務所',
  [AttendeeOrganisationKind.Police]: '警察',
  [AttendeeOrganisationKind.School]: '学校',
  [AttendeeOrganisationKind.Nursery]: '保育園・幼稚園',
  [AttendeeOrganisationKind.Medical]: '医療機関',
  [AttendeeOrganisationKind.Other]: 'その他',
};

export enum ConferenceActionStatus {
  Open = 'open',
  Done = 'done',
  Cancelled = 'cancelled',
}

export const CONFERENCE_ACTION_STATUS_LABELS: Record<ConferenceActionStatus, string> = {
  [ConferenceActionStatus.Open]: '未完了',
  [ConferenceActionStatus.Done]: '完了',
  [ConferenceActionStatus.Cancelled]: '取消',
};

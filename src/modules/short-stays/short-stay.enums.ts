/** Codes stored in the database and answered by the API; Japanese labels for the UI beside each. */

export enum ShortStayStatus {
  Requested = 'requested',
  Approved = 'approved',
  Rejected = 'rejected',
  InStay = 'in_stay',
  Completed = 'completed',
  Cancelled = 'cancelled',
}

export const SHORT_STAY_STATUS_LABELS: Record<ShortStayStatus, string> = {
  [ShortStayStatus.Requested]: '申請中',
  [ShortStayStatus.Approved]: '承認済',
  [ShortStayStatus.Rejected]: '不承認',
  [ShortStayStatus.InStay]: '利用中',
  [ShortStayStatus.Completed]: '終了（帰宅確認済）',
  [ShortStayStatus.Cancelled]: '取消',
};

/** The explicit actions on a stay (each one a route, each one recorded in the stay's history). */
export enum ShortStayAction {
  Request = 'request',
  Update = 'update',
  Approve = 'approve',
  Reject = 'reject',
  CheckIn = 'check_in',
  Extend = 'extend',
  Complete = 'complete',
  Cancel = 'cancel',
}

export const SHORT_STAY_ACTION_LABELS: Record<ShortStayAction, string> = {
  [ShortStayAction.Request]: '申請',
  [ShortStayAction.Update]: '申請内容の変更',
  [ShortStayAction.Approve]: '承認',
  [ShortStayAction.Reject]: '不承認',
  [ShortStayAction.CheckIn]: '入所',
  [ShortStayAction.Extend]: '延長',
  [ShortStayAction.Complete]: '帰宅確認',
  [ShortStayAction.Cancel]: '取消',
};

/** 世帯の課税状況: decides the fee; 生活保護 and 住民税非課税 households pay nothing. */
export enum HouseholdStatus {
  PublicAssistance = 'public_assistance',
  ResidentTaxExempt = 'resident_tax_exempt',
  Taxed = 'taxed',
}

export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  [HouseholdStatus.PublicAssistance]: '生活保護世帯',
  [HouseholdStatus.ResidentTaxExempt]: '住民税非課税世帯',
  [HouseholdStatus.Taxed]: '住民税課税世帯',
};

export const FEE_EXEMPT_HOUSEHOLDS: readonly HouseholdStatus[] = [HouseholdStatus.PublicAssistance, HouseholdStatus.ResidentTaxExempt];

/** Why a request was not approved; counted in the measures. */
export enum ShortStayRejectionReason {
  NotEligible = 'not_eligible',
  LimitExceeded = 'limit_exceeded',
  NoVacancy = 'no_vacancy',
  OtherSupportMoreSuitable = 'other_support_more_suitable',
  ProtectionNeeded = 'protection_needed',
  IncompleteRequest = 'incomplete_request',
  Other = 'other',
}

export const SHORT_STAY_REJECTION_REASON_LABELS: Record<ShortStayRejectionReason, string> = {
  [ShortStayRejectionReason.NotEligible]: '対象要件に該当しない',
  [ShortStayRejectionReason.LimitExceeded]: '利用日数の上限を超える',
  [ShortStayRejectionReason.NoVacancy]: '空床なし',
  [ShortStayRejectionReason.OtherSupportMoreSuitable]: '他の支援が適当',
  [ShortStayRejectionReason.ProtectionNeeded]: '一時保護等の対応が必要',
  [ShortStayRejectionReason.IncompleteRequest]: '申請内容の不備',
  [ShortStayRejectionReason.Other]: 'その他',
};

/** The checks a request must pass (shown before submission, re-run at approval). */
export enum ShortStayCheckCode {
  NotInPast = 'not_in_past',
  PolicyInForce = 'policy_in_force',
  AgeEligible = 'age_eligible',
  StayLength = 'stay_length',
  MonthlyLimit = 'monthly_limit',
  NoOverlap = 'no_overlap',
  FacilityAccepting = 'facility_accepting',
  FacilityAgeRange = 'facility_age_range',
  BedsFree = 'beds_free',
}

export const SHORT_STAY_CHECK_LABELS: Record<ShortStayCheckCode, string> = {
  [ShortStayCheckCode.NotInPast]: '利用開始日が過去でない',
  [ShortStayCheckCode.PolicyInForce]: '利用開始日に適用される実施基準がある',
  [ShortStayCheckCode.AgeEligible]: '対象年齢（利用開始日時点）',
  [ShortStayCheckCode.StayLength]: '1回あたりの利用日数',
  [ShortStayCheckCode.MonthlyLimit]: '月あたりの利用日数',
  [ShortStayCheckCode.NoOverlap]: '他の利用と重複しない',
  [ShortStayCheckCode.FacilityAccepting]: '施設が受入中',
  [ShortStayCheckCode.FacilityAgeRange]: '施設の受入年齢',
  [ShortStayCheckCode.BedsFree]: '全泊に空床あり',
};

/** Age bands of the measures (age on the first night). */
export enum ShortStayAgeBand {
  Infant = 'age_0_1',
  Preschool = 'age_2_5',
  School = 'age_6_12',
  Teen = 'age_13_17',
}

export const SHORT_STAY_AGE_BAND_LABELS: Record<ShortStayAgeBand, string> = {
  [ShortStayAgeBand.Infant]: '0〜1歳',
  [ShortStayAgeBand.Preschool]: '2〜5歳',
  [ShortStayAgeBand.School]: '6〜12歳',
  [ShortStayAgeBand.Teen]: '13〜17歳',
};

export function ageBandOf(age: number): ShortStayAgeBand {
  if (age <= 1) return ShortStayAgeBand.Infant;
  if (age <= 5) return ShortStayAgeBand.Preschool;
  if (age <= 12) return ShortStayAgeBand.School;
  return ShortStayAgeBand.Teen;
}

/** Reminder rules of this module (codes of the reminder engine). */
export enum ShortStayReminderRule {
  StartsTomorrow = 'short_stay.starts_tomorrow',
  ReturnCheckDue = 'short_stay.return_check_due',
}

export const SHORT_STAY_REMINDER_RULE_LABELS: Record<ShortStayReminderRule, string> = {
  [ShortStayReminderRule.StartsTomorrow]: 'ショートステイ 明日から利用開始',
  [ShortStayReminderRule.ReturnCheckDue]: 'ショートステイ 帰宅後確認が未記録',
};

/** This module's dictionaries (GET /dictionaries). */
export const SHORT_STAY_DICTIONARIES: Record<string, Record<string, string>> = {
  shortStayStatus: SHORT_STAY_STATUS_LABELS,
  shortStayAction: SHORT_STAY_ACTION_LABELS,
  householdStatus: HOUSEHOLD_STATUS_LABELS,
  shortStayRejectionReason: SHORT_STAY_REJECTION_REASON_LABELS,
  shortStayCheck: SHORT_STAY_CHECK_LABELS,
  shortStayAgeBand: SHORT_STAY_AGE_BAND_LABELS,
  shortStayReminderRule: SHORT_STAY_REMINDER_RULE_LABELS,
};

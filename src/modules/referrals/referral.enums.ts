/** 送致 states (DOMAIN.md §4). */
export enum ReferralState {
  Draft = 'draft',
  Submitted = 'submitted',
  Returned = 'returned',
  Approved = 'approved',
  Sent = 'sent',
  Accepted = 'accepted',
  Declined = 'declined',
  Closed = 'closed',
}

export const REFERRAL_STATE_LABELS: Record<ReferralState, string> = {
  [ReferralState.Draft]: '起案中',
  [ReferralState.Submitted]: '決裁待ち',
  [ReferralState.Returned]: '差戻し',
  [ReferralState.Approved]: '決裁済',
  [ReferralState.Sent]: '送致済',
  [ReferralState.Accepted]: '児相受理',
  [ReferralState.Declined]: '児相不受理',
  [ReferralState.Closed]: '完了',
};

export enum ReferralAction {
  Submit = 'submit',
  Approve = 'approve',
  Return = 'return',
  Revise = 'revise',
  Send = 'send',
  Accept = 'accept',
  Decline = 'decline',
  Close = 'close',
  Withdraw = 'withdraw',
}

export const REFERRAL_ACTION_LABELS: Record<ReferralAction | 'create' | 'edit', string> = {
  create: '起案',
  edit: '編集',
  [ReferralAction.Submit]: '決裁に回す',
  [ReferralAction.Approve]: '承認',
  [ReferralAction.Return]: '差戻し',
  [ReferralAction.Revise]: '差戻しを受けて修正',
  [ReferralAction.Send]: '送致',
  [ReferralAction.Accept]: '児相受理',
  [ReferralAction.Decline]: '児相不受理',
  [ReferralAction.Close]: '完了',
  [ReferralAction.Withdraw]: '取下げ',
};

/**
 * 緊急度 of the current risk, in the grades the Tokyo centres use
 * (AA most urgent). The database enum is declared in this order.
 */
export enum ReferralUrgency {
  AA = 'aa',
  A = 'a',
  B = 'b',
  C = 'c',
}

export const REFERRAL_URGENCY_LABELS: Record<ReferralUrgency, string> = {
  [ReferralUrgency.AA]: 'AA（生命の危険があり直ちに保護を要する）',
  [ReferralUrgency.A]: 'A（一時保護等の早急な対応を要する）',
  [ReferralUrgency.B]: 'B（在宅での継続的な支援と見守りを要する）',
  [ReferralUrgency.C]: 'C（助言・見守りで足りる）',
};

/** AA and A jump the review queue and notify the supervisors at once. */
export const URGENT_GRADES: readonly ReferralUrgency[] = [ReferralUrgency.AA, ReferralUrgency.A];

/** 児童福祉法 第25条の7第1項第1号: the two grounds for sending a child to the centre. */
export enum ReferralLegalBasis {
  Measures = 'measures',
  Assessment = 'assessment',
}

export const REFERRAL_LEGAL_BASIS_LABELS: Record<ReferralLegalBasis, string> = {
  [ReferralLegalBasis.Measures]: '児童福祉法第25条の7第1項第1号（第27条の措置を要すると認める児童）',
  [ReferralLegalBasis.Assessment]: '児童福祉法第25条の7第1項第1号（医学的、心理学的、教育学的、社会学的及び精神保健上の判定を要すると認める児童）',
};

export enum ReferralRequestedMeasure {
  TemporaryProtection = 'temporary_protection',
  FacilityAdmission = 'facility_admission',
  FosterCare = 'foster_care',
  Guidance = 'guidance',
  Assessment = 'assessment',
  Other = 'other',
}

export const REFERRAL_REQUESTED_MEASURE_LABELS: Record<ReferralRequestedMeasure, string> = {
  [ReferralRequestedMeasure.TemporaryProtection]: '一時保護',
  [ReferralRequestedMeasure.FacilityAdmission]: '施設入所措置',
  [ReferralRequestedMeasure.FosterCare]: '里親委託',
  [ReferralRequestedMeasure.Guidance]: '児童福祉司指導',
  [ReferralRequestedMeasure.Assessment]: '判定（医学的・心理学的等）',
  [ReferralRequestedMeasure.Other]: 'その他',
};

export enum ReferralSendMethod {
  HandDelivery = 'hand_delivery',
  Mail = 'mail',
  Fax = 'fax',
  LgwanMail = 'lgwan_mail',
  Other = 'other',
}

export const REFERRAL_SEND_METHOD_LABELS: Record<ReferralSendMethod, string> = {
  [ReferralSendMethod.HandDelivery]: '持参',
  [ReferralSendMethod.Mail]: '郵送',
  [ReferralSendMethod.Fax]: 'FAX',
  [ReferralSendMethod.LgwanMail]: 'LGWANメール',
  [ReferralSendMethod.Other]: 'その他',
};

export enum ReferralPersonRole {
  Child = 'child',
  Guardian = 'guardian',
}

export const REFERRAL_PERSON_ROLE_LABELS: Record<ReferralPersonRole, string> = {
  [ReferralPersonRole.Child]: '対象児童',
  [ReferralPersonRole.Guardian]: '保護者',
};

export enum ReferralCommentKind {
  Comment = 'comment',
  Return = 'return',
  Approval = 'approval',
}

export const REFERRAL_COMMENT_KIND_LABELS: Record<ReferralCommentKind, string> = {
  [ReferralCommentKind.Comment]: 'コメント',
  [ReferralCommentKind.Return]: '差戻し理由',
  [ReferralCommentKind.Approval]: '承認時コメント',
};

/** The metropolitan centre the ward sends to unless the sender names another. */
export const DEFAULT_CENTRE_NAME = '東京都児童相談センター';

import { DuplicateReason } from '../persons/duplicate-detection';

/** Why another office can read a case (case_office_shares.reason). */
export const CASE_SHARE_REASON_LABELS: Record<'transfer' | 'referral' | 'specified_expectant_mother', string> = {
  transfer: '移管元',
  referral: '送致・事案送致',
  specified_expectant_mother: '特定妊婦の引継ぎ',
};

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  same_kana_and_birth_date: '氏名（カナ）と生年月日が一致',
  same_kanji_and_birth_date: '氏名（漢字）と生年月日が一致',
  similar_kana_and_same_birth_date: '生年月日が一致し氏名（カナ）が類似',
  same_kana_birth_date_unknown: '氏名（カナ）が一致（生年月日不明）',
};

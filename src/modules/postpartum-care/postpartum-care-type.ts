/** 産後ケア事業の種類. */
export enum PostpartumCareType {
  /** 宿泊型 */
  OvernightStay = 'overnight_stay',
  /** 日帰り型（デイケア） */
  DayCare = 'day_care',
  /** 訪問型（助産師の家庭訪問） */
  HomeVisit = 'home_visit',
}

export const POSTPARTUM_CARE_TYPE_LABELS: Record<PostpartumCareType, string> = {
  [PostpartumCareType.OvernightStay]: '宿泊型',
  [PostpartumCareType.DayCare]: '日帰り型',
  [PostpartumCareType.HomeVisit]: '訪問型（助産師）',
};

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum InterviewPlace {
  Counter = 'counter',
  HomeVisit = 'home_visit',
  Phone = 'phone',
  Online = 'online',
}

export const INTERVIEW_PLACE_LABELS: Record<InterviewPlace, string> = {
  [InterviewPlace.Counter]: '窓口',
  [InterviewPlace.HomeVisit]: '家庭訪問',
  [InterviewPlace.Phone]: '電話',
  [InterviewPlace.Online]: 'オンライン',
};

export enum PartnerSituation {
  Married = 'married',
  UnmarriedPartner = 'unmarried_partner',
  NoPartner = 'no_partner',
  Unknown = 'unknown',
}

export const PARTNER_SITUATION_LABELS: Record<PartnerSituation, string> = {
  [PartnerSituation.Married]: '婚姻',
  [PartnerSituation.UnmarriedPartner]: 'パートナーあり（未婚・事実婚）',
  [PartnerSituation.NoPartner]: 'パートナーなし',
  [PartnerSituation.Unknown]: '不明',
};

export enum SupportPerson {
  Partner = 'partner',
  OwnParents = 'own_parents',
  PartnerParents = 'partner_parents',
  Siblings = 'siblings',
  Friends = 'friends',
  Other = 'other',
}

export const SUPPORT_PERSON_LABELS: Record<SupportPerson, string> = {
  [SupportPerson.Partner]: 'パートナー',
  [SupportPerson.OwnParents]: '実父母',
  [SupportPerson.PartnerParents]: '義父母',
  [SupportPerson.Siblings]: 'きょうだい',
  [SupportPerson.Friends]: '友人',
  [SupportPerson.Other]: 'その他',
};

export enum SubstanceUse {
  Never = 'never',
  /** 妊娠を機にやめた */
  Quit = 'quit',
  Continuing = 'continuing',
}

export const SUBSTANCE_USE_LABELS: Record<SubstanceUse, string> = {
  [SubstanceUse.Never]: 'なし',
  [SubstanceUse.Quit]: '妊娠を機にやめた',
  [SubstanceUse.Continuing]: '継続している',
};

export enum InsuranceType {
  /** 社会保険（被用者保険） */
  Employee = 'employee',
  /** 国民健康保険 */
  National = 'national',
  /** 生活保護（医療扶助） */
  MedicalAssistance = 'medical_assistance',
  None = 'none',
  Unknown = 'unknown',
}

export const INSURANCE_TYPE_LABELS: Record<InsuranceType, string> = {
  [InsuranceType.Employee]: '社会保険',
  [InsuranceType.National]: '国民健康保険',
  [InsuranceType.MedicalAssistance]: '生活保護（医療扶助）',
  [InsuranceType.None]: '無保険',
  [InsuranceType.Unknown]: '不明',
};

export enum HousingType {
  Owned = 'owned',
  Rented = 'rented',
  PublicHousing = 'public_housing',
  CompanyHousing = 'company_housing',
  WithRelatives = 'with_relatives',
  /** 住居が定まらない（知人宅を転々とする等） */
  Unstable = 'unstable',
  Other = 'other',
}

export const HOUSING_TYPE_LABELS: Record<HousingType, string> = {
  [HousingType.Owned]: '持ち家',
  [HousingType.Rented]: '賃貸',
  [HousingType.PublicHousing]: '公営住宅',
  [HousingType.CompanyHousing]: '社宅・寮',
  [HousingType.WithRelatives]: '親族宅に同居',
  [HousingType.Unstable]: '住居不安定',
  [HousingType.Other]: 'その他',
};

export enum PregnancyFeeling {
  Happy = 'happy',
  UnexpectedButHappy = 'unexpected_but_happy',
  Mixed = 'mixed',
  Troubled = 'troubled',
  Unwanted = 'unwanted',
}

export const PREGNANCY_FEELING_LABELS: Record<PregnancyFeeling, string> = {
  [PregnancyFeeling.Happy]: 'うれしい',
  [PregnancyFeeling.UnexpectedButHappy]: '予想外だがうれしい',
  [PregnancyFeeling.Mixed]: '戸惑い・複雑',
  [PregnancyFeeling.Troubled]: '困っている',
  [PregnancyFeeling.Unwanted]: '望まない妊娠',
};

export enum RequestedService {
  PostpartumCare = 'postpartum_care',
  NewbornHomeVisit = 'newborn_home_visit',
  ParentingClass = 'parenting_class',
  HomeHelper = 'home_helper',
  ChildcareFacility = 'childcare_facility',
  FinancialConsultation = 'financial_consultation',
  MentalHealthConsultation = 'mental_health_consultation',
  Other = 'other',
}

export const REQUESTED_SERVICE_LABELS: Record<RequestedService, string> = {
  [RequestedService.PostpartumCare]: '産後ケア',
  [RequestedService.NewbornHomeVisit]: '新生児訪問',
  [RequestedService.ParentingClass]: '母親学級・両親学級',
  [RequestedService.HomeHelper]: '育児支援ヘルパー',
  [RequestedService.ChildcareFacility]: '保育施設の相談',
  [RequestedService.FinancialConsultation]: '経済的な相談',
  [RequestedService.MentalHealthConsultation]: 'こころの相談',
  [RequestedService.Other]: 'その他',
};

export enum SupportNeed {
  None = 'none',
  FollowUp = 'follow_up',
  SpecifiedExpectantMotherCandidate = 'specified_expectant_mother_candidate',
}

export const SUPPORT_NEED_LABELS: Record<SupportNeed, string> = {
  [SupportNeed.None]: '支援不要',
  [SupportNeed.FollowUp]: '要フォロー',
  [SupportNeed.SpecifiedExpectantMotherCandidate]: '特定妊婦候補',
};

/** 妊婦面談 by a pregnancy and child-rearing consultant (保健師・相談員). */
@Entity('pregnancy_interviews')
export class PregnancyInterview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  notificationId!: string;

  /** The 保健相談所 of the notification (copied for the office's lists). */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  consultantId!: string;

  @Column({ type: 'date' })
  interviewedOn!: string;

  @Column({ type: 'enum', enum: InterviewPlace, enumName: 'pregnancy_interview_place' })
  place!: InterviewPlace;

  @Column({ type: 'smallint' })
  weeksAtInterview!: number;

  @Column({ type: 'enum', enum: PartnerSituation, enumName: 'pregnancy_partner_situation' })
  partnerSituation!: PartnerSituation;

  @Column({ type: 'enum', enum: SupportPerson, enumName: 'pregnancy_support_person', array: true, default: () => "'{}'" })
  supportPersons!: SupportPerson[];

  @Column({ type: 'text', nullable: true })
  supportNote!: string | null;

  @Column({ type: 'boolean' })
  pastIllness!: boolean;

  @Column({ type: 'text', nullable: true })
  pastIllnessNote!: string | null;

  @Column({ type: 'boolean' })
  mentalIllnessHistory!: boolean;

  @Column({ type: 'boolean' })
  insomnia!: boolean;

  @Column({ type: 'boolean' })
  lowMood!: boolean;

  @Column({ type: 'boolean' })
  lossOfInterest!: boolean;

  @Column({ type: 'boolean' })
  strongAnxiety!: boolean;

  @Column({ type: 'text', nullable: true })
  healthNote!: string | null;

  @Column({ type: 'enum', enum: SubstanceUse, enumName: 'pregnancy_substance_use' })
  smoking!: SubstanceUse;

  @Column({ type: 'enum', enum: SubstanceUse, enumName: 'pregnancy_substance_use' })
  drinking!: SubstanceUse;

  @Column({ type: 'boolean' })
  publicAssistance!: boolean;

  @Column({ type: 'enum', enum: InsuranceType, enumName: 'pregnancy_insurance_type' })
  insuranceType!: InsuranceType;

  @Column({ type: 'boolean' })
  economicWorry!: boolean;

  @Column({ type: 'text', nullable: true })
  economicNote!: string | null;

  @Column({ type: 'enum', enum: HousingType, enumName: 'pregnancy_housing_type' })
  housingType!: HousingType;

  @Column({ type: 'boolean' })
  planningToMove!: boolean;

  @Column({ type: 'date', nullable: true })
  movePlannedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  housingNote!: string | null;

  @Column({ type: 'boolean' })
  domesticViolence!: boolean;

  @Column({ type: 'boolean' })
  priorChildProtection!: boolean;

  @Column({ type: 'boolean' })
  noPrenatalCheckups!: boolean;

  @Column({ type: 'enum', enum: PregnancyFeeling, enumName: 'pregnancy_feeling' })
  pregnancyFeeling!: PregnancyFeeling;

  @Column({ type: 'text', nullable: true })
  feelingNote!: string | null;

  @Column({ type: 'enum', enum: RequestedService, enumName: 'pregnancy_requested_service', array: true, default: () => "'{}'" })
  requestedServices!: RequestedService[];

  @Column({ type: 'text', nullable: true })
  wishes!: string | null;

  /** 支援プラン */
  @Column({ type: 'text' })
  supportPlan!: string;

  @Column({ type: 'date', nullable: true })
  followUpOn!: string | null;

  /** What the screening rule answered for the recorded answers. */
  @Column({ type: 'enum', enum: SupportNeed, enumName: 'pregnancy_support_need' })
  screenedNeed!: SupportNeed;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  screeningFactors!: string[];

  /** The need in force: the screening result, or higher when the consultant raised it (with a reason). */
  @Column({ type: 'enum', enum: SupportNeed, enumName: 'pregnancy_support_need' })
  supportNeed!: SupportNeed;

  @Column({ type: 'text', nullable: true })
  needRaisedReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpDoneAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  followUpDoneBy!: string | null;

  @Column({ type: 'text', nullable: true })
  followUpNote!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

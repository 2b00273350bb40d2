import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 妊娠届 → 面談済み, or 連絡不通 after the configured number of unsuccessful contact attempts (still "not interviewed"). */
export enum PregnancyNotificationStatus {
  Filed = 'filed',
  Interviewed = 'interviewed',
  Unreachable = 'unreachable',
}

export const PREGNANCY_NOTIFICATION_STATUS_LABELS: Record<PregnancyNotificationStatus, string> = {
  [PregnancyNotificationStatus.Filed]: '面談未実施',
  [PregnancyNotificationStatus.Interviewed]: '面談済み',
  [PregnancyNotificationStatus.Unreachable]: '連絡不通',
};

export enum BirthOrder {
  First = 'first',
  Subsequent = 'subsequent',
}

export const BIRTH_ORDER_LABELS: Record<BirthOrder, string> = {
  [BirthOrder.First]: '初産',
  [BirthOrder.Subsequent]: '経産',
};

/** Where the pregnancy stands on the 特定妊婦 path: flagged by an interview, then decided by a supervisor. */
export enum SpecifiedStatus {
  None = 'none',
  Candidate = 'candidate',
  Confirmed = 'confirmed',
  NotConfirmed = 'not_confirmed',
}

export const SPECIFIED_STATUS_LABELS: Record<SpecifiedStatus, string> = {
  [SpecifiedStatus.None]: '該当なし',
  [SpecifiedStatus.Candidate]: '特定妊婦候補',
  [SpecifiedStatus.Confirmed]: '特定妊婦',
  [SpecifiedStatus.NotConfirmed]: '特定妊婦に該当せず',
};

/** 妊娠届: filed at a 保健相談所, which then owns the pregnancy's records. */
@Entity('pregnancy_notifications')
export class PregnancyNotification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The receiving 保健相談所. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  motherId!: string;

  @Column({ type: 'date' })
  filedOn!: string;

  @Column({ type: 'smallint' })
  weeksAtFiling!: number;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', nullable: true })
  medicalInstitution!: string | null;

  @Column({ type: 'enum', enum: BirthOrder, enumName: 'pregnancy_birth_order' })
  birthOrder!: BirthOrder;

  @Column({ type: 'boolean', default: false })
  multiplePregnancy!: boolean;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'enum', enum: PregnancyNotificationStatus, enumName: 'pregnancy_notification_status', default: PregnancyNotificationStatus.Filed })
  status!: PregnancyNotificationStatus;

  /** Date of the earliest interview; kept with the interviews so coverage and the waiting list need no aggregate. */
  @Column({ type: 'date', nullable: true })
  firstInterviewedOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  unreachableSince!: Date | null;

  @Column({ type: 'enum', enum: SpecifiedStatus, enumName: 'specified_expectant_mother_status', default: SpecifiedStatus.None })
  specifiedStatus!: SpecifiedStatus;

  /** The interview that made the pregnancy a 特定妊婦 candidate. */
  @Column({ type: 'uuid', nullable: true })
  specifiedInterviewId!: string | null;

  /** The 子ども家庭支援センター case opened or linked on confirmation. */
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  specifiedDecidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  specifiedDecidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  specifiedDecisionNote!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

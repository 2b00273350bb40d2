import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum SupportLevel {
  General = 'general',
  SupportRequired = 'support_required',
  ProtectionRequired = 'protection_required',
  SpecifiedExpectantMother = 'specified_expectant_mother',
}

export const SUPPORT_LEVEL_LABELS: Record<SupportLevel, string> = {
  [SupportLevel.General]: '一般相談',
  [SupportLevel.SupportRequired]: '要支援児童',
  [SupportLevel.ProtectionRequired]: '要保護児童',
  [SupportLevel.SpecifiedExpectantMother]: '特定妊婦',
};

export enum AbuseType {
  Physical = 'physical',
  Sexual = 'sexual',
  Neglect = 'neglect',
  Psychological = 'psychological',
}

export const ABUSE_TYPE_LABELS: Record<AbuseType, string> = {
  [AbuseType.Physical]: '身体的虐待',
  [AbuseType.Sexual]: '性的虐待',
  [AbuseType.Neglect]: 'ネグレクト',
  [AbuseType.Psychological]: '心理的虐待（面前DVを含む）',
};

export enum CaseStatus {
  Open = 'open',
  Closed = 'closed',
  Reopened = 'reopened',
}

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  [CaseStatus.Open]: '対応中',
  [CaseStatus.Closed]: '終結',
  [CaseStatus.Reopened]: '再開',
};

/** One family's support record (世帯単位). */
@Entity('cases')
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  officeId!: string;

  /** Unique per office, e.g. 'R8-0012' (fiscal year prefix and sequence). */
  @Column({ type: 'text' })
  caseNumber!: string;

  @Column({ type: 'int' })
  fiscalYear!: number;

  /** How staff refer to the household, e.g. '山田 世帯'. */
  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'enum', enum: SupportLevel, enumName: 'support_level' })
  supportLevel!: SupportLevel;

  @Column({ type: 'enum', enum: AbuseType, enumName: 'abuse_type', array: true, default: () => "'{}'" })
  abuseTypes!: AbuseType[];

  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status', default: CaseStatus.Open })
  status!: CaseStatus;

  @Column({ type: 'uuid', nullable: true })
  leadWorkerId!: string | null;

  /** DV and similar: only assigned workers and the office's supervisors may open it without break-glass. */
  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  @Column({ type: 'date' })
  openedOn!: string;

  /** 進行管理: the next progress review is due on this date (null while closed). */
  @Column({ type: 'date', nullable: true })
  nextReviewOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  closedReason!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

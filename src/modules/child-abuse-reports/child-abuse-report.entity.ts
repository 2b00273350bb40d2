import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AbuseType } from '../cases/entities/case.entity';

/** 通告元 */
export enum ReportSource {
  Neighbour = 'neighbour',
  School = 'school',
  Nursery = 'nursery',
  Kindergarten = 'kindergarten',
  Police = 'police',
  Hospital = 'hospital',
  HealthCenter = 'health_center',
  Relative = 'relative',
  Family = 'family',
  Child = 'child',
  ChildGuidanceCenter = 'child_guidance_center',
  WelfareOffice = 'welfare_office',
  Anonymous = 'anonymous',
  Other = 'other',
}

export const REPORT_SOURCE_LABELS: Record<ReportSource, string> = {
  [ReportSource.Neighbour]: '近隣・知人',
  [ReportSource.School]: '学校',
  [ReportSource.Nursery]: '保育園',
  [ReportSource.Kindergarten]: '幼稚園',
  [ReportSource.Police]: '警察',
  [ReportSource.Hospital]: '医療機関',
  [ReportSource.HealthCenter]: '保健相談所',
  [ReportSource.Relative]: '親戚',
  [ReportSource.Family]: '家族（保護者本人を含む）',
  [ReportSource.Child]: '児童本人',
  [ReportSource.ChildGuidanceCenter]: '児童相談所',
  [ReportSource.WelfareOffice]: '福祉事務所',
  [ReportSource.Anonymous]: '匿名',
  [ReportSource.Other]: 'その他',
};

/** 緊急度: AA (immediate danger to life) to C. */
export enum ReportUrgency {
  AA = 'aa',
  A = 'a',
  B = 'b',
  C = 'c',
}

export const REPORT_URGENCY_LABELS: Record<ReportUrgency, string> = {
  [ReportUrgency.AA]: 'AA（生命の危険・即時対応）',
  [ReportUrgency.A]: 'A（重度・当日対応）',
  [ReportUrgency.B]: 'B（中度）',
  [ReportUrgency.C]: 'C（軽度）',
};

export enum ChildAbuseReportStatus {
  Received = 'received',
  SafetyConfirmed = 'safety_confirmed',
  Assessed = 'assessed',
}

export const CHILD_ABUSE_REPORT_STATUS_LABELS: Record<ChildAbuseReportStatus, string> = {
  [ChildAbuseReportStatus.Received]: '受理（安全確認待ち）',
  [ChildAbuseReportStatus.SafetyConfirmed]: '安全確認済',
  [ChildAbuseReportStatus.Assessed]: '調査・判定済',
};

export enum Rule48Result {
  Met = 'met',
  Missed = 'missed',
}

export const RULE48_RESULT_LABELS: Record<Rule48Result, string> = {
  [Rule48Result.Met]: '48時間以内に確認',
  [Rule48Result.Missed]: '48時間超過',
};

export enum ReportAssessment {
  Abuse = 'abuse',
  SuspectedAbuse = 'suspected_abuse',
  NotAbuse = 'not_abuse',
}

export const REPORT_ASSESSMENT_LABELS: Record<ReportAssessment, string> = {
  [ReportAssessment.Abuse]: '虐待',
  [ReportAssessment.SuspectedAbuse]: '虐待の疑い',
  [ReportAssessment.NotAbuse]: '虐待非該当',
};

export enum SafetyConfirmationMethod {
  HomeVisit = 'home_visit',
  OfficeVisit = 'office_visit',
  NurseryOrSchool = 'nursery_or_school',
  Hospital = 'hospital',
  Police = 'police',
  ChildGuidanceCenter = 'child_guidance_center',
  Other = 'other',
}

export const SAFETY_CONFIRMATION_METHOD_LABELS: Record<SafetyConfirmationMethod, string> = {
  [SafetyConfirmationMethod.HomeVisit]: '家庭訪問',
  [SafetyConfirmationMethod.OfficeVisit]: '来所',
  [SafetyConfirmationMethod.NurseryOrSchool]: '保育園・学校等での確認',
  [SafetyConfirmationMethod.Hospital]: '医療機関での確認',
  [SafetyConfirmationMethod.Police]: '警察による確認',
  [SafetyConfirmationMethod.ChildGuidanceCenter]: '児童相談所による確認',
  [SafetyConfirmationMethod.Other]: 'その他',
};

/** 通告: a report of suspected abuse, always linked to a case. */
@Entity('child_abuse_reports')
export class ChildAbuseReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The office that received the report (kept for the measures even if the case moves). */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'uuid' })
  receivedBy!: string;

  @Column({ type: 'enum', enum: ReportSource, enumName: 'report_source' })
  source!: ReportSource;

  @Column({ type: 'text', nullable: true })
  sourceDetail!: string | null;

  @Column({ type: 'text', nullable: true })
  informantContact!: string | null;

  @Column({ type: 'enum', enum: AbuseType, enumName: 'abuse_type', array: true })
  abuseTypes!: AbuseType[];

  @Column({ type: 'enum', enum: ReportUrgency, enumName: 'report_urgency' })
  urgency!: ReportUrgency;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'enum', enum: ChildAbuseReportStatus, enumName: 'child_abuse_report_status', default: ChildAbuseReportStatus.Received })
  status!: ChildAbuseReportStatus;

  /** received_at + 48 hours (48時間ルール). */
  @Column({ type: 'timestamptz' })
  safetyDueAt!: Date;

  /** When the last child concerned was seen directly; closes the clock. */
  @Column({ type: 'timestamptz', nullable: true })
  safetyConfirmedAt!: Date | null;

  @Column({ type: 'enum', enum: Rule48Result, enumName: 'rule48_result', nullable: true })
  rule48Result!: Rule48Result | null;

  @Column({ type: 'enum', enum: ReportAssessment, enumName: 'report_assessment', nullable: true })
  assessment!: ReportAssessment | null;

  @Column({ type: 'text', nullable: true })
  assessmentNotes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  assessedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assessedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A child concerned by a report, and when they were first seen directly. */
@Entity('child_abuse_report_children')
export class ChildAbuseReportChild {
  @PrimaryColumn({ type: 'uuid' })
  reportId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  seenAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  safetyConfirmationId!: string | null;
}

/** 安全確認: who saw which children directly, when, where and how. Append-only. */
@Entity('safety_confirmations')
export class SafetyConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'timestamptz' })
  confirmedAt!: Date;

  @Column({ type: 'enum', enum: SafetyConfirmationMethod, enumName: 'safety_confirmation_method' })
  method!: SafetyConfirmationMethod;

  @Column({ type: 'uuid', nullable: true })
  seenByUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  seenByName!: string | null;

  @Column({ type: 'text', nullable: true })
  place!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

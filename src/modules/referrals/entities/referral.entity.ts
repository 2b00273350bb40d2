import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ReferralLegalBasis, ReferralRequestedMeasure, ReferralSendMethod, ReferralState, ReferralUrgency } from '../referral.enums';

/** One item of the 添付資料 list (the documents themselves travel with the paper referral). */
export interface ReferralAttachment {
  title: string;
  note?: string;
}

/** 送致: the ward's referral of a case's children to the metropolitan child guidance centre. */
@Entity('referrals')
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  /** The case's office when the referral was drafted: its supervisors review it. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'enum', enum: ReferralState, enumName: 'referral_state', default: ReferralState.Draft })
  state!: ReferralState;

  @Column({ type: 'enum', enum: ReferralUrgency, enumName: 'referral_urgency' })
  urgency!: ReferralUrgency;

  @Column({ type: 'enum', enum: ReferralLegalBasis, enumName: 'referral_legal_basis', nullable: true })
  legalBasis!: ReferralLegalBasis | null;

  @Column({ type: 'enum', enum: ReferralRequestedMeasure, enumName: 'referral_requested_measure', array: true, default: () => "'{}'" })
  requestedMeasures!: ReferralRequestedMeasure[];

  /** 送致理由 */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** これまでの支援経過 */
  @Column({ type: 'text', nullable: true })
  supportHistory!: string | null;

  /** 現在のリスク */
  @Column({ type: 'text', nullable: true })
  riskSummary!: string | null;

  /** 直近のアセスメント結果 and the day it was made. */
  @Column({ type: 'text', nullable: true })
  latestAssessment!: string | null;

  @Column({ type: 'date', nullable: true })
  latestAssessmentOn!: string | null;

  /** 児童相談センターに求める対応 */
  @Column({ type: 'text', nullable: true })
  requestDetails!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: ReferralAttachment[];

  @Column({ type: 'int', default: 0 })
  submissionCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  sentOn!: string | null;

  @Column({ type: 'enum', enum: ReferralSendMethod, enumName: 'referral_send_method', nullable: true })
  sendMethod!: ReferralSendMethod | null;

  @Column({ type: 'text', nullable: true })
  centreName!: string | null;

  @Column({ type: 'text', nullable: true })
  centreContact!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sentBy!: string | null;

  /** The day the centre answered (accepted or declined). */
  @Column({ type: 'date', nullable: true })
  answeredOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @Column({ type: 'text', nullable: true })
  centreCaseNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  closeReason!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

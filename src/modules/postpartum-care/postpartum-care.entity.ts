import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PostpartumCareType } from './postpartum-care-type';

export enum PostpartumCareStatus {
  Applied = 'applied',
  Approved = 'approved',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
  /** Every approved session used. */
  Completed = 'completed',
}

export const POSTPARTUM_CARE_STATUS_LABELS: Record<PostpartumCareStatus, string> = {
  [PostpartumCareStatus.Applied]: '申請中',
  [PostpartumCareStatus.Approved]: '承認済み（利用中）',
  [PostpartumCareStatus.Rejected]: '不承認',
  [PostpartumCareStatus.Cancelled]: '取消',
  [PostpartumCareStatus.Completed]: '利用終了',
};

/** 産後ケア事業の利用申請: recorded at a 保健相談所, approved by its supervisor. */
@Entity('postpartum_care_applications')
export class PostpartumCareApplication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  motherId!: string;

  @Column({ type: 'uuid', nullable: true })
  notificationId!: string | null;

  /** The 妊婦面談 that referred the mother, when there was one. */
  @Column({ type: 'uuid', nullable: true })
  interviewId!: string | null;

  @Column({ type: 'enum', enum: PostpartumCareType, enumName: 'postpartum_care_type' })
  serviceType!: PostpartumCareType;

  @Column({ type: 'date' })
  babyBirthDate!: string;

  @Column({ type: 'date' })
  appliedOn!: string;

  @Column({ type: 'smallint' })
  requestedSessions!: number;

  @Column({ type: 'date', nullable: true })
  preferredStartOn!: string | null;

  /** 実施施設・助産師 */
  @Column({ type: 'text', nullable: true })
  providerName!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'enum', enum: PostpartumCareStatus, enumName: 'postpartum_care_status', default: PostpartumCareStatus.Applied })
  status!: PostpartumCareStatus;

  @Column({ type: 'smallint', nullable: true })
  approvedSessions!: number | null;

  /** Last day the service may be used, from the birth date and the settings at application. */
  @Column({ type: 'date' })
  eligibleUntil!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'text', nullable: true })
  cancelledReason!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

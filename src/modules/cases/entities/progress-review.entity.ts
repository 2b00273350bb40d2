import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SupportLevel } from './case.entity';

export enum ProgressReviewDecision {
  Continue = 'continue',
  ChangeSupportLevel = 'change_support_level',
  Close = 'close',
  ReferToChildGuidanceCenter = 'refer_to_child_guidance_center',
  Other = 'other',
}

export const PROGRESS_REVIEW_DECISION_LABELS: Record<ProgressReviewDecision, string> = {
  [ProgressReviewDecision.Continue]: '支援継続',
  [ProgressReviewDecision.ChangeSupportLevel]: '支援区分の変更',
  [ProgressReviewDecision.Close]: '終結',
  [ProgressReviewDecision.ReferToChildGuidanceCenter]: '児童相談センターへ送致',
  [ProgressReviewDecision.Other]: 'その他',
};

/** 進行管理: one periodic review of a case (要保護児童対策地域協議会 実務者会議 etc.). */
@Entity('case_progress_reviews')
export class CaseProgressReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'date' })
  reviewedOn!: string;

  /** Who took part (staff and other agencies), as written in the minutes. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  attendees!: string[];

  @Column({ type: 'text' })
  assessment!: string;

  @Column({ type: 'enum', enum: ProgressReviewDecision, enumName: 'progress_review_decision' })
  decision!: ProgressReviewDecision;

  @Column({ type: 'text', nullable: true })
  decisionNotes!: string | null;

  @Column({ type: 'date' })
  nextReviewOn!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Configuration: how often a case of each support level is reviewed (default 3 months). */
@Entity('progress_review_intervals')
export class ProgressReviewInterval {
  @PrimaryColumn({ type: 'enum', enum: SupportLevel, enumName: 'support_level' })
  supportLevel!: SupportLevel;

  @Column({ type: 'int' })
  intervalMonths!: number;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ProgressReportState } from '../centre-request.enums';

/** 経過報告 of a 指導措置委託, reviewed by a supervisor before it goes to the centre. */
@Entity('guidance_progress_reports')
export class GuidanceProgressReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @Column({ type: 'int' })
  sequence!: number;

  /** The due date this report answers. */
  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @Column({ type: 'enum', enum: ProgressReportState, enumName: 'progress_report_state', default: ProgressReportState.Draft })
  state!: ProgressReportState;

  @Column({ type: 'text', nullable: true })
  childStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  familyStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  supportProvided!: string | null;

  @Column({ type: 'text', nullable: true })
  assessment!: string | null;

  @Column({ type: 'text', nullable: true })
  plan!: string | null;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment!: string | null;

  @Column({ type: 'date', nullable: true })
  sentOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sentBy!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

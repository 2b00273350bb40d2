import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum VisitFrequency {
  Weekly = 'weekly',
  Biweekly = 'biweekly',
  Monthly = 'monthly',
  /** Every `intervalDays` days. */
  Custom = 'custom',
}

export const VISIT_FREQUENCY_LABELS: Record<VisitFrequency, string> = {
  [VisitFrequency.Weekly]: '毎週',
  [VisitFrequency.Biweekly]: '隔週',
  [VisitFrequency.Monthly]: '毎月',
  [VisitFrequency.Custom]: '日数指定',
};

export enum WatchVisitPlanStatus {
  Active = 'active',
  /** Hospital stay, family away...: no visit is due and no reminder runs. */
  Paused = 'paused',
  Ended = 'ended',
}

export const WATCH_VISIT_PLAN_STATUS_LABELS: Record<WatchVisitPlanStatus, string> = {
  [WatchVisitPlanStatus.Active]: '実施中',
  [WatchVisitPlanStatus.Paused]: '一時停止',
  [WatchVisitPlanStatus.Ended]: '終了',
};

/** 見守り訪問計画: how often a family under support is visited, and by whom. */
@Entity('watch_visit_plans')
export class WatchVisitPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'enum', enum: VisitFrequency, enumName: 'watch_visit_frequency' })
  frequency!: VisitFrequency;

  @Column({ type: 'int', nullable: true })
  intervalDays!: number | null;

  @Column({ type: 'date' })
  startOn!: string;

  @Column({ type: 'uuid' })
  responsibleWorkerId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'enum', enum: WatchVisitPlanStatus, enumName: 'watch_visit_plan_status', default: WatchVisitPlanStatus.Active })
  status!: WatchVisitPlanStatus;

  /** Derived (see `deriveNextDue`); null while paused or ended. */
  @Column({ type: 'date', nullable: true })
  nextDueOn!: string | null;

  /** The last visit that was actually done. */
  @Column({ type: 'date', nullable: true })
  lastVisitOn!: string | null;

  /** The last resumption after a pause: the next due date is never before it. */
  @Column({ type: 'date', nullable: true })
  resumedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  pausedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  pauseReason!: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum VisitOutcome {
  Done = 'done',
  NotDone = 'not_done',
}

export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = {
  [VisitOutcome.Done]: '実施',
  [VisitOutcome.NotDone]: '未実施',
};

export enum VisitNotDoneReason {
  NoOneHome = 'no_one_home',
  Refused = 'refused',
  Other = 'other',
}

export const VISIT_NOT_DONE_REASON_LABELS: Record<VisitNotDoneReason, string> = {
  [VisitNotDoneReason.NoOneHome]: '不在',
  [VisitNotDoneReason.Refused]: '拒否',
  [VisitNotDoneReason.Other]: 'その他',
};

export enum RiskChange {
  Lower = 'lower',
  Same = 'same',
  Higher = 'higher',
}

export const RISK_CHANGE_LABELS: Record<RiskChange, string> = {
  [RiskChange.Lower]: '低下',
  [RiskChange.Same]: '変化なし',
  [RiskChange.Higher]: '上昇',
};

export enum ChildCondition {
  Good = 'good',
  SomeConcern = 'some_concern',
  SeriousConcern = 'serious_concern',
}

export const CHILD_CONDITION_LABELS: Record<ChildCondition, string> = {
  [ChildCondition.Good]: '良好',
  [ChildCondition.SomeConcern]: '気になる点あり',
  [ChildCondition.SeriousConcern]: '要対応',
};

/** Why the supervisors were notified at once when the visit was recorded. */
export enum WatchVisitAlert {
  ChildNotSeenTwice = 'child_not_seen_twice',
  RiskHigher = 'risk_higher',
}

export const WATCH_VISIT_ALERT_LABELS: Record<WatchVisitAlert, string> = {
  [WatchVisitAlert.ChildNotSeenTwice]: '児童を2回続けて目視できず',
  [WatchVisitAlert.RiskHigher]: 'リスク上昇',
};

/** 見守り訪問の記録: one home visit (or attempt) to a family. */
@Entity('watch_visits')
export class WatchVisit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  /** The plan in force when the visit was recorded, if any. */
  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'timestamptz' })
  visitedAt!: Date;

  /** The Japan date of `visitedAt`. */
  @Column({ type: 'date' })
  visitedOn!: string;

  /** The plan's due date the visit answered (for on-time measures). */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'uuid', array: true })
  visitorIds!: string[];

  /** Others who came along (e.g. 保健師 of another office, 児童相談センター): no user account needed. */
  @Column({ type: 'text', nullable: true })
  accompaniedBy!: string | null;

  @Column({ type: 'enum', enum: VisitOutcome, enumName: 'watch_visit_outcome' })
  outcome!: VisitOutcome;

  @Column({ type: 'enum', enum: VisitNotDoneReason, enumName: 'watch_visit_not_done_reason', nullable: true })
  notDoneReason!: VisitNotDoneReason | null;

  @Column({ type: 'text', nullable: true })
  notDoneNote!: string | null;

  @Column({ type: 'text', nullable: true })
  homeEnvironment!: string | null;

  @Column({ type: 'text', nullable: true })
  guardianState!: string | null;

  @Column({ type: 'text', nullable: true })
  concerns!: string | null;

  @Column({ type: 'enum', enum: RiskChange, enumName: 'risk_change', nullable: true })
  riskChange!: RiskChange | null;

  @Column({ type: 'date', nullable: true })
  nextVisitOn!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'enum', enum: WatchVisitAlert, enumName: 'watch_visit_alert', array: true, default: () => "'{}'" })
  alerts!: WatchVisitAlert[];

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Whether one child of the family was seen directly (目視) at a visit, and how they were. */
@Entity('watch_visit_children')
export class WatchVisitChild {
  @PrimaryColumn({ type: 'uuid' })
  visitId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'boolean' })
  seen!: boolean;

  @Column({ type: 'enum', enum: ChildCondition, enumName: 'child_condition', nullable: true })
  condition!: ChildCondition | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

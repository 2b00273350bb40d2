import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum WatchVisitPlanAction {
  Created = 'created',
  Updated = 'updated',
  Paused = 'paused',
  Resumed = 'resumed',
  Ended = 'ended',
}

export const WATCH_VISIT_PLAN_ACTION_LABELS: Record<WatchVisitPlanAction, string> = {
  [WatchVisitPlanAction.Created]: '作成',
  [WatchVisitPlanAction.Updated]: '変更',
  [WatchVisitPlanAction.Paused]: '一時停止',
  [WatchVisitPlanAction.Resumed]: '再開',
  [WatchVisitPlanAction.Ended]: '終了',
};

/** Who changed a plan's state, when, why, and the next due date it left. */
@Entity('watch_visit_plan_events')
export class WatchVisitPlanEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'enum', enum: WatchVisitPlanAction, enumName: 'watch_visit_plan_action' })
  action!: WatchVisitPlanAction;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'date' })
  effectiveOn!: string;

  @Column({ type: 'date', nullable: true })
  nextDueOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

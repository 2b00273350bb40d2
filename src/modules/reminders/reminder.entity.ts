import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum ReminderState {
  Scheduled = 'scheduled',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
  /** Delivery found nobody to notify: no recipient it names, nor a supervisor of its office, is active. */
  Failed = 'failed',
}

export enum ReminderStage {
  Due = 'due',
  /** The later notice to someone else (typically the supervisors) while the subject is still open. */
  Escalation = 'escalation',
}

/**
 * What is due, and its state: the source of truth. The queue only delivers.
 * Written with SQL by the reminders service (upserts by key); the entity
 * documents the table and serves reads.
 */
@Entity('reminders')
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable identity given by the scheduling module, unique per stage. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'enum', enum: ReminderStage, enumName: 'reminder_stage' })
  stage!: ReminderStage;

  /** An escalation's due-stage reminder. */
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'boolean' })
  urgent!: boolean;

  /** `ReminderRecipient[]`, resolved to users at delivery time. */
  @Column({ type: 'jsonb' })
  recipients!: unknown[];

  @Column({ type: 'enum', enum: ReminderState, enumName: 'reminder_state' })
  state!: ReminderState;

  /** Bumped on every re-arm (new due time, or scheduled again after cancel); delivery jobs carry it. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Set when the module cancels the key: the subject no longer needs attention. */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Recipients that resolved to nobody at delivery, with the reason. */
  @Column({ type: 'jsonb', nullable: true })
  unresolvedRecipients!: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a user's in-app inbox, written when a reminder is delivered.
 * It copies what the reminder said at delivery time, so later reschedules do
 * not rewrite what the user was told.
 */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  reminderId!: string;

  @Column({ type: 'int' })
  reminderVersion!: number;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'boolean' })
  urgent!: boolean;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ShortStayAction, ShortStayStatus } from '../short-stay.enums';

/** The history of a stay: who did what, when and why. Appended, never edited. */
@Entity('short_stay_events')
export class ShortStayEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  shortStayId!: string;

  @Column({ type: 'enum', enum: ShortStayAction, enumName: 'short_stay_action' })
  action!: ShortStayAction;

  @Column({ type: 'enum', enum: ShortStayStatus, enumName: 'short_stay_status', nullable: true })
  fromStatus!: ShortStayStatus | null;

  @Column({ type: 'enum', enum: ShortStayStatus, enumName: 'short_stay_status' })
  toStatus!: ShortStayStatus;

  @Column({ type: 'uuid' })
  actorId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;
}

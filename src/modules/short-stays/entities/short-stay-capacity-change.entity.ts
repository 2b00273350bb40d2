import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A dated change to a facility's beds, e.g. one bed out of service for a week (-1). */
@Entity('short_stay_capacity_changes')
export class ShortStayCapacityChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'date' })
  firstNight!: string;

  /** Null: until further notice. */
  @Column({ type: 'date', nullable: true })
  lastNight!: string | null;

  @Column({ type: 'int' })
  bedDelta!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

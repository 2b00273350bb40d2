import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The short-stay side of a 児童養護施設, 乳児院 or 協力家庭: ages it accepts and its standing beds per night. */
@Entity('short_stay_facility_profiles')
export class ShortStayFacilityProfile {
  @PrimaryColumn({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'int' })
  minAge!: number;

  @Column({ type: 'int' })
  maxAge!: number;

  /** Beds per night before dated changes (`ShortStayCapacityChange`). */
  @Column({ type: 'int' })
  baseBeds!: number;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

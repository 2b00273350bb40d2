import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { FacilityType } from '../../facilities/facility.entity';
import { HouseholdStatus } from '../short-stay.enums';

/** 利用者負担額 per day of use, by facility type and household status, from a date. */
@Entity('short_stay_fee_rates')
export class ShortStayFeeRate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: FacilityType, enumName: 'facility_type' })
  facilityType!: FacilityType;

  @Column({ type: 'enum', enum: HouseholdStatus, enumName: 'household_status' })
  householdStatus!: HouseholdStatus;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'int' })
  dailyFeeYen!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

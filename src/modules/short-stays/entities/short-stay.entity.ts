import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { HouseholdStatus, ShortStayRejectionReason, ShortStayStatus } from '../short-stay.enums';

/** One short-stay request for one child, from request to return check. */
@Entity('short_stays')
export class ShortStay {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The office of the case when requested; its supervisors decide. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  childId!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  /** Check-in is on the first night; check-out is the day after the last night. */
  @Column({ type: 'date' })
  firstNight!: string;

  @Column({ type: 'date' })
  lastNight!: string;

  @Column({ type: 'enum', enum: ShortStayStatus, enumName: 'short_stay_status', default: ShortStayStatus.Requested })
  status!: ShortStayStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'enum', enum: HouseholdStatus, enumName: 'household_status' })
  householdStatus!: HouseholdStatus;

  @Column({ type: 'date' })
  guardianConsentOn!: string;

  /** Who consented, e.g. '母'. */
  @Column({ type: 'text' })
  guardianConsentBy!: string;

  @Column({ type: 'text' })
  contactDuringStay!: string;

  @Column({ type: 'text', nullable: true })
  allergies!: string | null;

  @Column({ type: 'text', nullable: true })
  medicalNotes!: string | null;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  /** The policy row that judged the stay at approval. */
  @Column({ type: 'uuid', nullable: true })
  policyId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'enum', enum: ShortStayRejectionReason, enumName: 'short_stay_rejection_reason', nullable: true })
  rejectionReason!: ShortStayRejectionReason | null;

  @Column({ type: 'int', nullable: true })
  feeYen!: number | null;

  @Column({ type: 'int', nullable: true })
  feeDailyRateYen!: number | null;

  @Column({ type: 'int', nullable: true })
  feeDays!: number | null;

  @Column({ type: 'boolean', nullable: true })
  feeExempt!: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  checkedInBy!: string | null;

  @Column({ type: 'date', nullable: true })
  returnedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  returnCheckedOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  returnCheckedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  childCondition!: string | null;

  @Column({ type: 'text', nullable: true })
  returnCheckNotes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

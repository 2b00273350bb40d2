import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Programme settings as data: the row with no office is the ward default, an
 * office's own row (if any) replaces it for that office.
 */
@Entity('pregnancy_settings')
export class PregnancySettings {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  officeId!: string | null;

  /** Consecutive unsuccessful contact attempts after which a notification becomes 連絡不通. */
  @Column({ type: 'int' })
  unreachableAfterAttempts!: number;

  /** No interview this many days after filing → reminder to the office's consultants. */
  @Column({ type: 'int' })
  interviewReminderDays!: number;

  /** ... and this many days → escalation to the office's supervisors. */
  @Column({ type: 'int' })
  interviewEscalationDays!: number;

  /** 産後ケア: mother and baby within this many months of the birth. */
  @Column({ type: 'int' })
  postpartumEligibilityMonths!: number;

  /** 宿泊型 only while the baby is younger than this many months. */
  @Column({ type: 'int' })
  overnightStayMaxAgeMonths!: number;

  @Column({ type: 'int' })
  maxSessionsOvernightStay!: number;

  @Column({ type: 'int' })
  maxSessionsDayCare!: number;

  @Column({ type: 'int' })
  maxSessionsHomeVisit!: number;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

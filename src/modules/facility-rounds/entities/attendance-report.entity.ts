import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 出欠状況報告: a facility's monthly attendance report for one flagged child. */
@Entity('attendance_reports')
export class AttendanceReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  childOfConcernId!: string;

  /** The first day of the month reported on. */
  @Column({ type: 'date' })
  month!: string;

  @Column({ type: 'int' })
  daysAttended!: number;

  @Column({ type: 'int' })
  daysAbsent!: number;

  /** Whether the absences were explained (連絡あり); null when there were none. */
  @Column({ type: 'boolean', nullable: true })
  absencesExplained!: boolean | null;

  @Column({ type: 'int' })
  longestConsecutiveAbsence!: number;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Absent 7 or more days in a row: the lead worker was notified. */
  @Column({ type: 'boolean' })
  longAbsence!: boolean;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

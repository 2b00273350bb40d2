import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum FacilityRoundStatus {
  Planned = 'planned',
  Done = 'done',
  Cancelled = 'cancelled',
}

export const FACILITY_ROUND_STATUS_LABELS: Record<FacilityRoundStatus, string> = {
  [FacilityRoundStatus.Planned]: '予定',
  [FacilityRoundStatus.Done]: '実施済',
  [FacilityRoundStatus.Cancelled]: '中止',
};

export enum RoundAttendance {
  Present = 'present',
  Absent = 'absent',
  Late = 'late',
  LeftEarly = 'left_early',
}

export const ROUND_ATTENDANCE_LABELS: Record<RoundAttendance, string> = {
  [RoundAttendance.Present]: '出席',
  [RoundAttendance.Absent]: '欠席',
  [RoundAttendance.Late]: '遅刻',
  [RoundAttendance.LeftEarly]: '早退',
};

/** 巡回訪問: a planned, then recorded (or cancelled) visit of an office's staff to a facility. */
@Entity('facility_rounds')
export class FacilityRound {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The office whose staff make the round; the round is that office's record. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'enum', enum: FacilityRoundStatus, enumName: 'facility_round_status', default: FacilityRoundStatus.Planned })
  status!: FacilityRoundStatus;

  @Column({ type: 'date' })
  plannedOn!: string;

  @Column({ type: 'uuid', array: true })
  visitorIds!: string[];

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  visitedAt!: Date | null;

  /** The Japan date of `visitedAt`: facilities reached per fiscal year count on it. */
  @Column({ type: 'date', nullable: true })
  visitedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'date', nullable: true })
  nextRoundOn!: string | null;

  /** The round planned when this one was recorded with a next round date. */
  @Column({ type: 'uuid', nullable: true })
  nextRoundId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  previousRoundId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A flagged child observed on a round. */
@Entity('facility_round_observations')
export class FacilityRoundObservation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'uuid' })
  childOfConcernId!: string;

  @Column({ type: 'enum', enum: RoundAttendance, enumName: 'round_attendance' })
  attendance!: RoundAttendance;

  @Column({ type: 'text', nullable: true })
  appearance!: string | null;

  @Column({ type: 'text', nullable: true })
  concerns!: string | null;
}

/** A consultation with the facility's staff on a round: the topic and the advice given. */
@Entity('facility_round_consultations')
export class FacilityRoundConsultation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  facilityStaffRole!: string | null;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text', nullable: true })
  advice!: string | null;

  /** When the consultation was about one flagged child: hidden with that child from staff without the case in scope. */
  @Column({ type: 'uuid', nullable: true })
  childOfConcernId!: string | null;
}

/** A follow-up action agreed on a round. */
@Entity('facility_round_follow_ups')
export class FacilityRoundFollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  childOfConcernId!: string | null;
}

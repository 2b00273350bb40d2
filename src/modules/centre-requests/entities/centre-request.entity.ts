import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CentreRequestKind, CentreRequestState } from '../centre-request.enums';

/** 事案送致 or 指導措置委託 received from the metropolitan child guidance centre. */
@Entity('centre_requests')
export class CentreRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: CentreRequestKind, enumName: 'centre_request_kind' })
  kind!: CentreRequestKind;

  @Column({ type: 'enum', enum: CentreRequestState, enumName: 'centre_request_state', default: CentreRequestState.Received })
  state!: CentreRequestState;

  @Column({ type: 'text' })
  centreName!: string;

  @Column({ type: 'text' })
  centreCaseNumber!: string;

  @Column({ type: 'text', nullable: true })
  centreContact!: string | null;

  @Column({ type: 'date' })
  receivedOn!: string;

  /** 措置日 of a 指導措置委託: the reporting cycle runs from it. */
  @Column({ type: 'date', nullable: true })
  measureStartOn!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  conditions!: string | null;

  @Column({ type: 'int', nullable: true })
  reportingIntervalMonths!: number | null;

  /** The ward office the request was handed to. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'uuid', nullable: true })
  leadWorkerId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** 指導措置委託: when the next progress report is due (null when none is). */
  @Column({ type: 'date', nullable: true })
  nextReportDueOn!: string | null;

  /** The date of the centre's 措置解除 notice. */
  @Column({ type: 'date', nullable: true })
  liftedNoticeOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

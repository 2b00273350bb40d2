import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CaseConferenceType, ConferenceActionStatus } from '../case-conference.enums';

/** A joint case conference held by an office (cases, attendees and decisions are rows of their own). */
@Entity('case_conferences')
export class CaseConference {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'enum', enum: CaseConferenceType, enumName: 'case_conference_type' })
  type!: CaseConferenceType;

  @Column({ type: 'date' })
  heldOn!: string;

  /** 'HH:MM' (JST). */
  @Column({ type: 'text', nullable: true })
  startTime!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A follow-up decided at a conference: who does what by when (a reminder goes to the owner). */
@Entity('case_conference_actions')
export class CaseConferenceAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  conferenceId!: string;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'enum', enum: ConferenceActionStatus, enumName: 'conference_action_status', default: ConferenceActionStatus.Open })
  status!: ConferenceActionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  completionNote!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

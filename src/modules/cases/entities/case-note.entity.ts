import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ContactType {
  HomeVisit = 'home_visit',
  OfficeInterview = 'office_interview',
  Phone = 'phone',
  Meeting = 'meeting',
  CaseConference = 'case_conference',
  FacilityContact = 'facility_contact',
  AgencyContact = 'agency_contact',
  Letter = 'letter',
  Other = 'other',
}

/** Keep in step with the titles of the `case_timeline_notes` view (migration 1764300000002). */
export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  [ContactType.HomeVisit]: '家庭訪問',
  [ContactType.OfficeInterview]: '来所面接',
  [ContactType.Phone]: '電話',
  [ContactType.Meeting]: '打合せ',
  [ContactType.CaseConference]: 'ケース会議',
  [ContactType.FacilityContact]: '関係施設との連絡',
  [ContactType.AgencyContact]: '関係機関との連絡',
  [ContactType.Letter]: '文書・メール',
  [ContactType.Other]: 'その他',
};

/** 経過記録: never updated or deleted (a trigger refuses it); a correction is a new note that points at the old one. */
@Entity('case_notes')
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'enum', enum: ContactType, enumName: 'contact_type' })
  contactType!: ContactType;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  correctsNoteId!: string | null;

  @Column({ type: 'text', nullable: true })
  correctionReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ContactMethod {
  Phone = 'phone',
  Letter = 'letter',
  HomeVisit = 'home_visit',
  Email = 'email',
  Other = 'other',
}

export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  [ContactMethod.Phone]: '電話',
  [ContactMethod.Letter]: '手紙・通知',
  [ContactMethod.HomeVisit]: '家庭訪問',
  [ContactMethod.Email]: 'メール',
  [ContactMethod.Other]: 'その他',
};

export enum ContactResult {
  /** 連絡がついた (面談の約束など) */
  Reached = 'reached',
  /** 連絡はついたが面談を希望しない */
  Declined = 'declined',
  NoAnswer = 'no_answer',
  MessageLeft = 'message_left',
  NumberUnavailable = 'number_unavailable',
  LetterReturned = 'letter_returned',
  Absent = 'absent',
}

export const CONTACT_RESULT_LABELS: Record<ContactResult, string> = {
  [ContactResult.Reached]: '連絡がついた',
  [ContactResult.Declined]: '連絡がついたが面談辞退',
  [ContactResult.NoAnswer]: '応答なし',
  [ContactResult.MessageLeft]: '留守電・伝言',
  [ContactResult.NumberUnavailable]: '番号不通',
  [ContactResult.LetterReturned]: '郵便返戻',
  [ContactResult.Absent]: '訪問不在',
};

@Entity('pregnancy_contact_attempts')
export class PregnancyContactAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  notificationId!: string;

  @Column({ type: 'date' })
  attemptedOn!: string;

  @Column({ type: 'enum', enum: ContactMethod, enumName: 'pregnancy_contact_method' })
  method!: ContactMethod;

  @Column({ type: 'enum', enum: ContactResult, enumName: 'pregnancy_contact_result' })
  result!: ContactResult;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

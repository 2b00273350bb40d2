import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export enum CaseTransferStatus {
  Requested = 'requested',
  Accepted = 'accepted',
  Declined = 'declined',
  Cancelled = 'cancelled',
}

export const CASE_TRANSFER_STATUS_LABELS: Record<CaseTransferStatus, string> = {
  [CaseTransferStatus.Requested]: '受理待ち',
  [CaseTransferStatus.Accepted]: '受理',
  [CaseTransferStatus.Declined]: '不受理',
  [CaseTransferStatus.Cancelled]: '取下げ',
};

/** A case handed to another office when the family moves; the receiving office's supervisor accepts it. */
@Entity('case_transfers')
export class CaseTransfer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  fromOfficeId!: string;

  @Column({ type: 'uuid' })
  toOfficeId!: string;

  @Column({ type: 'enum', enum: CaseTransferStatus, enumName: 'case_transfer_status', default: CaseTransferStatus.Requested })
  status!: CaseTransferStatus;

  @Column({ type: 'text' })
  reason!: string;

  /** Case numbers are per office: the case gets a new one from the receiving office on acceptance. */
  @Column({ type: 'text' })
  previousCaseNumber!: string;

  @Column({ type: 'text', nullable: true })
  newCaseNumber!: string | null;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionComment!: string | null;

  @VersionColumn()
  version!: number;
}

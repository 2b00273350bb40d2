import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum MailDeliveryState {
  Pending = 'pending',
  Sent = 'sent',
  /** Not sent: by send time the user had no address, had turned reminder e-mails off, or was deactivated. */
  Skipped = 'skipped',
  /** Every attempt failed; listed for admins. */
  Failed = 'failed',
}

/**
 * The e-mail copy of one inbox entry. The address is not stored: it is read
 * from the user at send time, so a corrected address or an opt-out applies to
 * mails still waiting for a retry.
 */
@Entity('mail_deliveries')
export class MailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  notificationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'enum', enum: MailDeliveryState, enumName: 'mail_delivery_state' })
  state!: MailDeliveryState;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { Office } from '../offices/office.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Login ids are compared case-insensitively; stored as typed. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  loginId!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'uuid' })
  officeId!: string;

  @ManyToOne(() => Office)
  @JoinColumn({ name: 'office_id' })
  office?: Office;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', array: true })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'timestamptz' })
  passwordChangedAt!: Date;

  /** Users may turn reminder e-mails off for themselves. */
  @Column({ type: 'boolean', default: true })
  emailNotifications!: boolean;

  @Column({ type: 'int', default: 0, select: false })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true, select: false })
  firstFailedLoginAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

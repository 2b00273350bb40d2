import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * 要配慮児童: a child of a case flagged at the facility they attend, for a
 * period. Who is flagged is case content: it is only shown to staff with the
 * case in scope.
 */
@Entity('children_of_concern')
export class ChildOfConcern {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'date' })
  startOn!: string;

  @Column({ type: 'date', nullable: true })
  endOn!: string | null;

  /** Class or grade at the facility (e.g. 'ひまわり組', '3年2組'). */
  @Column({ type: 'text', nullable: true })
  className!: string | null;

  /** Why the facility watches this child, as shared with the facility. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

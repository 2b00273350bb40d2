import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Two person records a supervisor confirmed to be the same individual (e.g.
 * registered twice, or by two offices). Stored once per pair with the
 * smaller id first; unlinking keeps the row with who, when and why.
 */
@Entity('person_links')
export class PersonLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'uuid' })
  linkedPersonId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  linkedBy!: string;

  @Column({ type: 'timestamptz' })
  linkedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  unlinkedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  unlinkedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  unlinkReason!: string | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 実施基準: one row per effective date. The row in force on a stay's first
 * night judges it; widening the age range is a new row, never an edit.
 */
@Entity('short_stay_policies')
export class ShortStayPolicy {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  /** Completed years on the first night, both ends included. */
  @Column({ type: 'int' })
  minAge!: number;

  @Column({ type: 'int' })
  maxAge!: number;

  /** 原則7日以内: the longest stay that may be requested; longer only by an extension. */
  @Column({ type: 'int' })
  maxNightsPerStay!: number;

  /** Nights per child per calendar month, over all of the child's stays. */
  @Column({ type: 'int' })
  maxNightsPerMonth!: number;

  /** When true only a supervisor may extend a stay; when false the worker may too. */
  @Column({ type: 'boolean' })
  extensionRequiresApproval!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

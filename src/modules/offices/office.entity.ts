import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum OfficeType {
  /** 子ども家庭支援センター */
  ChildFamilySupportCenter = 'child_family_support_center',
  /** 保健相談所 */
  HealthCenter = 'health_center',
}

export const OFFICE_TYPE_LABELS: Record<OfficeType, string> = {
  [OfficeType.ChildFamilySupportCenter]: '子ども家庭支援センター',
  [OfficeType.HealthCenter]: '保健相談所',
};

/** Office policy: may consultants open every open case of the office, or only those assigned to them? */
export enum ConsultantScope {
  Office = 'office',
  Assigned = 'assigned',
}

export const CONSULTANT_SCOPE_LABELS: Record<ConsultantScope, string> = {
  [ConsultantScope.Office]: '所内の対応中ケースすべて',
  [ConsultantScope.Assigned]: '担当ケースのみ',
};

@Entity('offices')
export class Office {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Short stable code used in case numbers and exports, e.g. "CFS-NERIMA". */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: OfficeType, enumName: 'office_type' })
  type!: OfficeType;

  /** The 先駆型 main centre that concentrates abuse response. */
  @Column({ type: 'boolean', default: false })
  isMain!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'enum', enum: ConsultantScope, enumName: 'consultant_scope', default: ConsultantScope.Office })
  consultantScope!: ConsultantScope;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

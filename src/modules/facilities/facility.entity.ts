import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum FacilityType {
  Nursery = 'nursery',
  Kindergarten = 'kindergarten',
  CertifiedChildcare = 'certified_childcare',
  ElementarySchool = 'elementary_school',
  JuniorHighSchool = 'junior_high_school',
  AfterSchoolClub = 'after_school_club',
  ChildrensHall = 'childrens_hall',
  ChildrensHome = 'childrens_home',
  InfantHome = 'infant_home',
  FosterHome = 'foster_home',
  Other = 'other',
}

export const FACILITY_TYPE_LABELS: Record<FacilityType, string> = {
  [FacilityType.Nursery]: '保育園',
  [FacilityType.Kindergarten]: '幼稚園',
  [FacilityType.CertifiedChildcare]: '認定こども園',
  [FacilityType.ElementarySchool]: '小学校',
  [FacilityType.JuniorHighSchool]: '中学校',
  [FacilityType.AfterSchoolClub]: '学童クラブ',
  [FacilityType.ChildrensHall]: '児童館',
  [FacilityType.ChildrensHome]: '児童養護施設',
  [FacilityType.InfantHome]: '乳児院',
  [FacilityType.FosterHome]: '協力家庭',
  [FacilityType.Other]: 'その他',
};

/** Facility types that take short stays (要支援ショートステイ). */
export const SHORT_STAY_FACILITY_TYPES: readonly FacilityType[] = [FacilityType.ChildrensHome, FacilityType.InfantHome, FacilityType.FosterHome];

@Entity('facilities')
export class Facility {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: FacilityType, enumName: 'facility_type' })
  type!: FacilityType;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPerson!: string | null;

  /** The office in charge of the facility's area. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum PersonKind {
  Child = 'child',
  ExpectantMother = 'expectant_mother',
  Guardian = 'guardian',
  Other = 'other',
}

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  [PersonKind.Child]: '児童',
  [PersonKind.ExpectantMother]: '妊婦',
  [PersonKind.Guardian]: '保護者',
  [PersonKind.Other]: 'その他',
};

export enum Sex {
  Female = 'female',
  Male = 'male',
  Other = 'other',
  Unknown = 'unknown',
}

export const SEX_LABELS: Record<Sex, string> = {
  [Sex.Female]: '女',
  [Sex.Male]: '男',
  [Sex.Other]: 'その他',
  [Sex.Unknown]: '不明',
};

/** A child, expectant mother, guardian or other person known to an office. */
@Entity('persons')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The office that registered the person. */
  @Column({ type: 'uuid' })
  officeId!: string;

  @Column({ type: 'enum', enum: PersonKind, enumName: 'person_kind' })
  kind!: PersonKind;

  @Column({ type: 'text' })
  nameKanji!: string;

  @Column({ type: 'text' })
  nameKana!: string;

  /** Search keys, see `normalizeKana` / `normalizeKanji`. */
  @Column({ type: 'text' })
  nameKanjiNormalized!: string;

  @Column({ type: 'text' })
  nameKanaNormalized!: string;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'enum', enum: Sex, enumName: 'sex', default: Sex.Unknown })
  sex!: Sex;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @VersionColumn()
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

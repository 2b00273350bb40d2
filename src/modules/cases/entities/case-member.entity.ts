import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum MemberRelationship {
  Child = 'child',
  Mother = 'mother',
  Father = 'father',
  Guardian = 'guardian',
  Sibling = 'sibling',
  Grandparent = 'grandparent',
  ExpectantMother = 'expectant_mother',
  Partner = 'partner',
  Other = 'other',
}

export const MEMBER_RELATIONSHIP_LABELS: Record<MemberRelationship, string> = {
  [MemberRelationship.Child]: '子',
  [MemberRelationship.Mother]: '母',
  [MemberRelationship.Father]: '父',
  [MemberRelationship.Guardian]: '保護者',
  [MemberRelationship.Sibling]: 'きょうだい',
  [MemberRelationship.Grandparent]: '祖父母',
  [MemberRelationship.ExpectantMother]: '妊婦',
  [MemberRelationship.Partner]: 'パートナー',
  [MemberRelationship.Other]: 'その他',
};

@Entity('case_members')
export class CaseMember {
  @PrimaryColumn({ type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'enum', enum: MemberRelationship, enumName: 'member_relationship' })
  relationship!: MemberRelationship;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}

/** 副担当: co-workers assigned to a case besides the lead worker. */
@Entity('case_co_workers')
export class CaseCoWorker {
  @PrimaryColumn({ type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt!: Date;
}

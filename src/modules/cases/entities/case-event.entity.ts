import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CaseEventKind {
  Opened = 'opened',
  Updated = 'updated',
  MemberAdded = 'member_added',
  MemberRemoved = 'member_removed',
  Assigned = 'assigned',
  Closed = 'closed',
  Reopened = 'reopened',
  Restricted = 'restricted',
  Unrestricted = 'unrestricted',
  BreakGlass = 'break_glass',
  TransferRequested = 'transfer_requested',
  TransferAccepted = 'transfer_accepted',
  TransferDeclined = 'transfer_declined',
  TransferCancelled = 'transfer_cancelled',
}

export const CASE_EVENT_KIND_LABELS: Record<CaseEventKind, string> = {
  [CaseEventKind.Opened]: 'ケース開始',
  [CaseEventKind.Updated]: 'ケース情報の変更',
  [CaseEventKind.MemberAdded]: '世帯員の追加',
  [CaseEventKind.MemberRemoved]: '世帯員の削除',
  [CaseEventKind.Assigned]: '担当者変更',
  [CaseEventKind.Closed]: 'ケース終結',
  [CaseEventKind.Reopened]: 'ケース再開',
  [CaseEventKind.Restricted]: '閲覧制限の設定',
  [CaseEventKind.Unrestricted]: '閲覧制限の解除',
  [CaseEventKind.BreakGlass]: '制限ケースの閲覧（理由付き）',
  [CaseEventKind.TransferRequested]: '移管の依頼',
  [CaseEventKind.TransferAccepted]: '移管の受理',
  [CaseEventKind.TransferDeclined]: '移管の不受理',
  [CaseEventKind.TransferCancelled]: '移管の取下げ',
};

/** The append-only history of a case: who did what, when and why. */
@Entity('case_events')
export class CaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'enum', enum: CaseEventKind, enumName: 'case_event_kind' })
  kind!: CaseEventKind;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOfficeId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}

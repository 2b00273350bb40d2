import { EntityManager } from 'typeorm';
import { PregnancyNotificationStatus, SpecifiedStatus } from './pregnancy-notification.entity';

export enum PregnancyHistoryAction {
  Filed = 'filed',
  Updated = 'updated',
  MarkedUnreachable = 'marked_unreachable',
  ContactRestored = 'contact_restored',
  Interviewed = 'interviewed',
  SpecifiedCandidate = 'specified_candidate',
  SpecifiedCandidateWithdrawn = 'specified_candidate_withdrawn',
  SpecifiedConfirmed = 'specified_confirmed',
  SpecifiedNotConfirmed = 'specified_not_confirmed',
}

export const PREGNANCY_HISTORY_ACTION_LABELS: Record<PregnancyHistoryAction, string> = {
  [PregnancyHistoryAction.Filed]: '妊娠届受理',
  [PregnancyHistoryAction.Updated]: '妊娠届修正',
  [PregnancyHistoryAction.MarkedUnreachable]: '連絡不通',
  [PregnancyHistoryAction.ContactRestored]: '連絡回復',
  [PregnancyHistoryAction.Interviewed]: '妊婦面談実施',
  [PregnancyHistoryAction.SpecifiedCandidate]: '特定妊婦候補',
  [PregnancyHistoryAction.SpecifiedCandidateWithdrawn]: '特定妊婦候補の取消（面談修正）',
  [PregnancyHistoryAction.SpecifiedConfirmed]: '特定妊婦と判定・センターへ引継ぎ',
  [PregnancyHistoryAction.SpecifiedNotConfirmed]: '特定妊婦に該当せずと判定',
};

/** Appends who did what to the notification's history, with the state it left. */
export async function recordPregnancyHistory(
  manager: EntityManager,
  n: { id: string; status: PregnancyNotificationStatus; specifiedStatus: SpecifiedStatus },
  action: PregnancyHistoryAction,
  actorId: string | null,
  note: string | null = null,
): Promise<void> {
  await manager.query(
    `INSERT INTO pregnancy_notification_history (notification_id, action, status, specified_status, note, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [n.id, action, n.status, n.specifiedStatus, note, actorId],
  );
}

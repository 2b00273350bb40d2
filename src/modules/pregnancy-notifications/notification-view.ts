import { EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { ageOn, daysBetween, JapanDate } from '../../common/time/japan-time';
import { ContactResult } from './contact-attempt.entity';
import { consecutiveUnsuccessful } from './contact-outcome';
import { PregnancyNotificationView } from './dto/pregnancy-notification.dto';
import { namedRows } from '../../database/named-sql';
import { BIRTH_ORDER_LABELS, BirthOrder, PREGNANCY_NOTIFICATION_STATUS_LABELS, PregnancyNotificationStatus, SPECIFIED_STATUS_LABELS, SpecifiedStatus } from './pregnancy-notification.entity';

export interface NotificationRow {
  id: string;
  office_id: string;
  office_name: string;
  mother_id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  filed_on: string;
  weeks_at_filing: number;
  due_date: string;
  medical_institution: string | null;
  birth_order: BirthOrder;
  multiple_pregnancy: boolean;
  notes: string | null;
  status: PregnancyNotificationStatus;
  first_interviewed_on: string | null;
  specified_status: SpecifiedStatus;
  specified_interview_id: string | null;
  case_id: string | null;
  specified_decided_at: Date | null;
  specified_decision_note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  contact_results: ContactResult[];
}

/** The columns of a notification view; `n` is pregnancy_notifications. */
export const NOTIFICATION_VIEW_SELECT = `
  SELECT n.id, n.office_id, o.name AS office_name, n.mother_id, p.name_kanji, p.name_kana, p.birth_date,
         n.filed_on, n.weeks_at_filing, n.due_date, n.medical_institution, n.birth_order, n.multiple_pregnancy, n.notes,
         n.status, n.first_interviewed_on, n.specified_status, n.specified_interview_id, n.case_id,
         n.specified_decided_at, n.specified_decision_note, n.version, n.created_at, n.updated_at,
         (SELECT coalesce(array_agg(a.result::text ORDER BY a.attempted_on, a.created_at), '{}')
            FROM pregnancy_contact_attempts a WHERE a.notification_id = n.id) AS contact_results
    FROM pregnancy_notifications n
    JOIN persons p ON p.id = n.mother_id
    JOIN offices o ON o.id = n.office_id`;

export async function loadNotificationRow(manager: EntityManager, id: string): Promise<NotificationRow | undefined> {
  const rows = await namedRows<NotificationRow>(manager, `${NOTIFICATION_VIEW_SELECT} WHERE n.id = :id`, { id });
  return rows[0];
}

export function toNotificationView(row: NotificationRow, actor: Actor, today: JapanDate): PregnancyNotificationView {
  const interviewed = row.first_interviewed_on !== null;
  return {
    id: row.id,
    officeId: row.office_id,
    officeName: row.office_name,
    mother: { id: row.mother_id, nameKanji: row.name_kanji, nameKana: row.name_kana, birthDate: row.birth_date },
    motherAgeAtFiling: row.birth_date ? ageOn(row.birth_date, row.filed_on) : null,
    filedOn: row.filed_on,
    weeksAtFiling: row.weeks_at_filing,
    dueDate: row.due_date,
    medicalInstitution: row.medical_institution,
    birthOrder: row.birth_order,
    birthOrderLabel: BIRTH_ORDER_LABELS[row.birth_order],
    multiplePregnancy: row.multiple_pregnancy,
    notes: row.notes,
    status: row.status,
    statusLabel: PREGNANCY_NOTIFICATION_STATUS_LABELS[row.status],
    firstInterviewedOn: row.first_interviewed_on,
    daysWaiting: interviewed ? null : Math.max(0, daysBetween(row.filed_on, today)),
    daysToInterview: interviewed ? daysBetween(row.filed_on, row.first_interviewed_on as string) : null,
    consecutiveUnsuccessfulAttempts: consecutiveUnsuccessful(row.contact_results),
    specifiedStatus: row.specified_status,
    specifiedStatusLabel: SPECIFIED_STATUS_LABELS[row.specified_status],
    specifiedInterviewId: row.specified_interview_id,
    caseId: row.case_id,
    specifiedDecidedAt: row.specified_decided_at,
    specifiedDecisionNote: row.specified_decision_note,
    editable: row.office_id === actor.officeId,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

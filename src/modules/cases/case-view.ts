import { EntityManager } from 'typeorm';
import { CaseAccessFacts } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { sqlRows } from '../../database/sql';
import { PersonKind, Sex } from '../persons/person.entity';
import { caseUiActions } from './case-lifecycle';
import { transferViews } from './case-transfer-view';
import { CaseSummary, CaseView, WorkerRef } from './dto/case.dto';
import { ABUSE_TYPE_LABELS, AbuseType, CASE_STATUS_LABELS, CaseStatus, SUPPORT_LEVEL_LABELS, SupportLevel } from './entities/case.entity';
import { MEMBER_RELATIONSHIP_LABELS, MemberRelationship } from './entities/case-member.entity';
import { CaseTransferStatus } from './entities/case-transfer.entity';

/** Columns of a case summary as raw aliases; joins `offices o` and `users lw` (lead worker). */
export const CASE_SUMMARY_COLUMNS = [
  'c.id AS id',
  'c.office_id AS office_id',
  'o.name AS office_name',
  'c.case_number AS case_number',
  'c.label AS label',
  'c.support_level AS support_level',
  'c.abuse_types AS abuse_types',
  'c.status AS status',
  'c.restricted AS restricted',
  'c.opened_on AS opened_on',
  'c.next_review_on AS next_review_on',
  'c.lead_worker_id AS lead_worker_id',
  'lw.display_name AS lead_worker_name',
];

export interface CaseSummaryRow {
  id: string;
  office_id: string;
  office_name: string;
  case_number: string;
  label: string;
  support_level: SupportLevel;
  abuse_types: AbuseType[] | string;
  status: CaseStatus;
  restricted: boolean;
  opened_on: string;
  next_review_on: string | null;
  lead_worker_id: string | null;
  lead_worker_name: string | null;
}

/** pg answers enum arrays as their text form ('{physical,neglect}') in raw queries. */
export function parseEnumArray<T extends string>(value: T[] | string | null): T[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value.replace(/^\{|\}$/g, '').split(',') as T[];
}

export function toCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    officeId: row.office_id,
    officeName: row.office_name,
    caseNumber: row.case_number,
    label: row.label,
    supportLevel: row.support_level,
    supportLevelLabel: SUPPORT_LEVEL_LABELS[row.support_level],
    abuseTypes: parseEnumArray(row.abuse_types),
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    restricted: row.restricted,
    openedOn: row.opened_on,
    nextReviewOn: row.next_review_on,
    leadWorker: row.lead_worker_id ? { id: row.lead_worker_id, displayName: row.lead_worker_name ?? '' } : null,
  };
}

/**
 * The statements of the case detail page, each taking the case id as $1. The
 * bench's bare handler runs these same texts, so the two are compared on the
 * same SQL.
 */
export const CASE_DETAIL_SQL = {
  summary: `SELECT ${CASE_SUMMARY_COLUMNS.join(', ')}, c.fiscal_year AS fiscal_year, c.closed_at AS closed_at, c.closed_reason AS closed_reason,
                   c.version AS version, c.created_at AS created_at, c.updated_at AS updated_at,
                   (SELECT count(*) FROM child_abuse_reports r WHERE r.case_id = c.id AND r.status = 'received') AS awaiting
              FROM cases c INNER JOIN offices o ON o.id = c.office_id LEFT JOIN users lw ON lw.id = c.lead_worker_id
             WHERE c.id = $1`,
  coWorkers: `SELECT u.id, u.display_name FROM case_co_workers w JOIN users u ON u.id = w.user_id WHERE w.case_id = $1 ORDER BY w.assigned_at, u.id`,
  members: `SELECT m.person_id, m.relationship, p.kind, p.name_kanji, p.name_kana, p.birth_date, p.sex
              FROM case_members m JOIN persons p ON p.id = m.person_id
             WHERE m.case_id = $1 ORDER BY m.added_at, p.id`,
  sharedWith: `SELECT s.office_id, o.name, s.reason FROM case_office_shares s JOIN offices o ON o.id = s.office_id WHERE s.case_id = $1 ORDER BY s.granted_at`,
} as const;

type CaseDetailRow = CaseSummaryRow & { fiscal_year: number; closed_at: Date | null; closed_reason: string | null; version: number; created_at: Date; updated_at: Date; awaiting: number };

/** The case detail page: the case, its people, who else can read it, and what the caller may do. */
export async function loadCaseView(manager: EntityManager, actor: Actor, facts: CaseAccessFacts): Promise<CaseView> {
  const id = facts.id;
  const [row] = await sqlRows<CaseDetailRow>(manager, CASE_DETAIL_SQL.summary, [id]);
  if (!row) throw new Error(`case ${id} vanished after the access check`);

  const coWorkers: WorkerRef[] = (await sqlRows<{ id: string; display_name: string }>(manager, CASE_DETAIL_SQL.coWorkers, [id])).map((w) => ({ id: w.id, displayName: w.display_name }));

  const members = (
    await sqlRows<{ person_id: string; relationship: MemberRelationship; kind: PersonKind; name_kanji: string; name_kana: string; birth_date: string | null; sex: Sex }>(manager, CASE_DETAIL_SQL.members, [id])
  ).map((m) => ({
    personId: m.person_id,
    relationship: m.relationship,
    relationshipLabel: MEMBER_RELATIONSHIP_LABELS[m.relationship],
    kind: m.kind,
    nameKanji: m.name_kanji,
    nameKana: m.name_kana,
    birthDate: m.birth_date,
    sex: m.sex,
  }));

  const sharedWith = (await sqlRows<{ office_id: string; name: string; reason: string }>(manager, CASE_DETAIL_SQL.sharedWith, [id])).map((s) => ({
    officeId: s.office_id,
    officeName: s.name,
    reason: s.reason,
  }));

  const [pendingTransfer] = await transferViews(manager, 't.case_id = :id AND t.status = :pending', { id, pending: CaseTransferStatus.Requested });
  const level = facts.level === 'read_only' ? 'read_only' : 'full';
  const summary = toCaseSummary(row);
  return {
    ...summary,
    fiscalYear: row.fiscal_year,
    abuseTypeLabels: summary.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t]),
    closedAt: row.closed_at,
    closedReason: row.closed_reason,
    coWorkers,
    members,
    sharedWith,
    pendingTransfer: pendingTransfer ?? null,
    reportsAwaitingSafetyConfirmation: Number(row.awaiting),
    accessLevel: level,
    allowedActions: caseUiActions(actor, { status: row.status, restricted: row.restricted, pendingTransfer: pendingTransfer !== undefined }, level),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

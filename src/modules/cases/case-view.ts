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
 * The case detail page's statement, taking the case id as $1: the case, its
 * co-workers, members and the offices it is shared with (JSON arrays, in the
 * order the page shows them), in one round trip where it took four. The
 * bench's bare handler runs this same text, so the two are compared on the
 * same SQL.
 */
export const CASE_DETAIL_SQL = `
  SELECT ${CASE_SUMMARY_COLUMNS.join(', ')}, c.fiscal_year AS fiscal_year, c.closed_at AS closed_at, c.closed_reason AS closed_reason,
         c.version AS version, c.created_at AS created_at, c.updated_at AS updated_at,
         (SELECT count(*) FROM child_abuse_reports r WHERE r.case_id = c.id AND r.status = 'received') AS awaiting,
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY w.assigned_at, u.id), '[]')
            FROM case_co_workers w JOIN users u ON u.id = w.user_id WHERE w.case_id = c.id) AS co_workers,
         (SELECT coalesce(json_agg(json_build_object('personId', m.person_id, 'relationship', m.relationship, 'kind', p.kind, 'nameKanji', p.name_kanji,
                                                     'nameKana', p.name_kana, 'birthDate', p.birth_date, 'sex', p.sex) ORDER BY m.added_at, p.id), '[]')
            FROM case_members m JOIN persons p ON p.id = m.person_id WHERE m.case_id = c.id) AS members,
         (SELECT coalesce(json_agg(json_build_object('officeId', s.office_id, 'officeName', so.name, 'reason', s.reason) ORDER BY s.granted_at), '[]')
            FROM case_office_shares s JOIN offices so ON so.id = s.office_id WHERE s.case_id = c.id) AS shared_with
    FROM cases c INNER JOIN offices o ON o.id = c.office_id LEFT JOIN users lw ON lw.id = c.lead_worker_id
   WHERE c.id = $1`;

interface MemberJson {
  personId: string;
  relationship: MemberRelationship;
  kind: PersonKind;
  nameKanji: string;
  nameKana: string;
  birthDate: string | null;
  sex: Sex;
}

type CaseDetailRow = CaseSummaryRow & {
  fiscal_year: number;
  closed_at: Date | null;
  closed_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  awaiting: number;
  co_workers: WorkerRef[];
  members: MemberJson[];
  shared_with: Array<{ officeId: string; officeName: string; reason: string }>;
};

/** The case detail page: the case, its people, who else can read it, and what the caller may do. */
export async function loadCaseView(manager: EntityManager, actor: Actor, facts: CaseAccessFacts): Promise<CaseView> {
  const id = facts.id;
  const [row] = await sqlRows<CaseDetailRow>(manager, CASE_DETAIL_SQL, [id]);
  if (!row) throw new Error(`case ${id} vanished after the access check`);
  const members = row.members.map((m) => ({
    personId: m.personId,
    relationship: m.relationship,
    relationshipLabel: MEMBER_RELATIONSHIP_LABELS[m.relationship],
    kind: m.kind,
    nameKanji: m.nameKanji,
    nameKana: m.nameKana,
    birthDate: m.birthDate,
    sex: m.sex,
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
    coWorkers: row.co_workers,
    members,
    sharedWith: row.shared_with,
    pendingTransfer: pendingTransfer ?? null,
    reportsAwaitingSafetyConfirmation: Number(row.awaiting),
    accessLevel: level,
    allowedActions: caseUiActions(actor, { status: row.status, restricted: row.restricted, pendingTransfer: pendingTransfer !== undefined }, level),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

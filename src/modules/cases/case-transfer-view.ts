import { EntityManager } from 'typeorm';
import { instantKeySql } from '../../common/pagination/instant-key';
import { namedRows } from '../../database/named-sql';
import { SupportLevel } from './entities/case.entity';
import { CASE_TRANSFER_STATUS_LABELS, CaseTransferStatus } from './entities/case-transfer.entity';
import { CaseTransferView } from './dto/case.dto';

interface TransferRow {
  id: string;
  case_id: string;
  from_office_id: string;
  from_office_name: string;
  to_office_id: string;
  to_office_name: string;
  status: CaseTransferStatus;
  reason: string;
  previous_case_number: string;
  new_case_number: string | null;
  case_label: string;
  support_level: SupportLevel;
  restricted: boolean;
  member_count: number;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  version: number;
  sort_key: string;
}

const TRANSFER_FROM = `FROM case_transfers t
  JOIN cases c ON c.id = t.case_id
  JOIN offices fo ON fo.id = t.from_office_id
  JOIN offices tof ON tof.id = t.to_office_id`;

/** Transfers with the little of the case a receiving office may see before it accepts. */
const TRANSFER_SELECT = `SELECT t.id, t.case_id, t.from_office_id, fo.name AS from_office_name, t.to_office_id, tof.name AS to_office_name,
       t.status, t.reason, t.previous_case_number, t.new_case_number, c.label AS case_label, c.support_level, c.restricted,
       (SELECT count(*) FROM case_members m WHERE m.case_id = c.id) AS member_count, ${instantKeySql('t.requested_at')} AS sort_key,
       t.requested_by, t.requested_at, t.decided_by, t.decided_at, t.decision_comment, t.version
  ${TRANSFER_FROM}`;

/**
 * The transfers matching `where` (SQL over `t`, the transfer, and `c`, its
 * case, with named parameters), in the order and up to the limit `tail`
 * says, each with its keyset sort key (requested at, microseconds). Plain SQL,
 * not the query builder: opening a case reads its pending transfer, and
 * building that statement anew cost more CPU than running it.
 */
export async function transferViewsWithKeys(
  manager: EntityManager,
  where: string,
  params: Record<string, unknown>,
  tail = '',
): Promise<Array<{ view: CaseTransferView; sortKey: string }>> {
  const rows = await namedRows<TransferRow>(manager, `${TRANSFER_SELECT} WHERE ${where} ${tail}`, params);
  return rows.map((row) => ({ view: toTransferView(row), sortKey: row.sort_key }));
}

export async function transferViews(manager: EntityManager, where: string, params: Record<string, unknown>): Promise<CaseTransferView[]> {
  return (await transferViewsWithKeys(manager, where, params)).map((row) => row.view);
}

/** How many transfers match `where` (as in `transferViewsWithKeys`). */
export async function countTransfers(manager: EntityManager, where: string, params: Record<string, unknown>): Promise<number> {
  const [{ n }] = await namedRows<{ n: number }>(manager, `SELECT count(*)::int AS n ${TRANSFER_FROM} WHERE ${where}`, params);
  return n;
}

function toTransferView(row: TransferRow): CaseTransferView {
  return {
    id: row.id,
    caseId: row.case_id,
    fromOfficeId: row.from_office_id,
    fromOfficeName: row.from_office_name,
    toOfficeId: row.to_office_id,
    toOfficeName: row.to_office_name,
    status: row.status,
    statusLabel: CASE_TRANSFER_STATUS_LABELS[row.status],
    reason: row.reason,
    previousCaseNumber: row.previous_case_number,
    newCaseNumber: row.new_case_number,
    caseLabel: row.case_label,
    supportLevel: row.support_level,
    restricted: row.restricted,
    memberCount: Number(row.member_count),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    version: row.version,
  };
}

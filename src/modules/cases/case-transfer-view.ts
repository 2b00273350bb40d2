import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { instantKeySql } from '../../common/pagination/instant-key';
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

/** Transfers with the little of the case a receiving office may see before it accepts. */
export function transferQuery(manager: EntityManager): SelectQueryBuilder<object> {
  return manager
    .createQueryBuilder()
    .select(['t.id AS id', 't.case_id AS case_id', 't.from_office_id AS from_office_id', 'fo.name AS from_office_name', 't.to_office_id AS to_office_id', 'tof.name AS to_office_name'])
    .addSelect(['t.status AS status', 't.reason AS reason', 't.previous_case_number AS previous_case_number', 't.new_case_number AS new_case_number'])
    .addSelect(['c.label AS case_label', 'c.support_level AS support_level', 'c.restricted AS restricted'])
    .addSelect('(SELECT count(*) FROM case_members m WHERE m.case_id = c.id)', 'member_count')
    .addSelect(instantKeySql('t.requested_at'), 'sort_key')
    .addSelect(['t.requested_by AS requested_by', 't.requested_at AS requested_at', 't.decided_by AS decided_by', 't.decided_at AS decided_at', 't.decision_comment AS decision_comment', 't.version AS version'])
    .from('case_transfers', 't')
    .innerJoin('cases', 'c', 'c.id = t.case_id')
    .innerJoin('offices', 'fo', 'fo.id = t.from_office_id')
    .innerJoin('offices', 'tof', 'tof.id = t.to_office_id');
}

/** Each transfer with its keyset sort key (requested at, microseconds). */
export async function transferViewsWithKeys(qb: SelectQueryBuilder<object>): Promise<Array<{ view: CaseTransferView; sortKey: string }>> {
  const rows = await qb.getRawMany<TransferRow>();
  return rows.map((row) => ({ view: toTransferView(row), sortKey: row.sort_key }));
}

export async function transferViews(qb: SelectQueryBuilder<object>): Promise<CaseTransferView[]> {
  return (await transferViewsWithKeys(qb)).map((row) => row.view);
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

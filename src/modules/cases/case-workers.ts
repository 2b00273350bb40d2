import { EntityManager } from 'typeorm';
import { FieldError, businessRule } from '../../common/problem/problem';

/**
 * Lead and co-workers must be active casework staff (consultant or
 * supervisor) of the office that holds the case.
 */
export async function assertCaseWorkers(manager: EntityManager, officeId: string, workers: { leadWorkerId?: string | null; coWorkerIds?: string[] }): Promise<void> {
  const ids = [...(workers.leadWorkerId ? [workers.leadWorkerId] : []), ...(workers.coWorkerIds ?? [])];
  if (ids.length === 0) return;
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND office_id = $2 AND active AND roles && '{consultant,supervisor}'::user_role[]`,
    [ids, officeId],
  );
  const ok = new Set(rows.map((row) => row.id));
  const errors: FieldError[] = [];
  if (workers.leadWorkerId && !ok.has(workers.leadWorkerId)) {
    errors.push({ field: 'leadWorkerId', code: 'not_case_worker', message: '主担当は当該ケースの所属の相談員・係長から選んでください。' });
  }
  (workers.coWorkerIds ?? []).forEach((id, index) => {
    if (!ok.has(id)) errors.push({ field: `coWorkerIds[${index}]`, code: 'not_case_worker', message: '副担当は当該ケースの所属の相談員・係長から選んでください。' });
  });
  if (workers.leadWorkerId && (workers.coWorkerIds ?? []).includes(workers.leadWorkerId)) {
    errors.push({ field: 'coWorkerIds', code: 'lead_also_co_worker', message: '主担当を副担当にも指定することはできません。' });
  }
  if (errors.length) throw businessRule('The workers cannot be assigned to this case.', errors);
}

import { EntityManager } from 'typeorm';
import { FieldError, validationFailed } from '../../common/problem/problem';

/** A user named on a record, as the casework-staff check reads it. */
export interface CaseworkStaffRow {
  id: string;
  display_name: string;
  office_id: string;
}

/** The SQL selecting the active casework staff (相談員・係長) among the user ids in the array parameter `idsParam`. */
export function caseworkStaffSql(idsParam: string): string {
  return `SELECT id, display_name, office_id FROM users WHERE id = ANY (${idsParam}) AND active AND roles && '{consultant,supervisor}'::user_role[]`;
}

/**
 * Checks that the users named on a record (visitors, responsible worker) are
 * active casework staff (相談員・係長), optionally of one office, and answers
 * their display names. Anything else is a 400 on the given field.
 */
export async function assertCaseworkStaff(manager: EntityManager, ids: readonly string[], options: { field: string; officeId?: string }): Promise<Map<string, string>> {
  const rows: CaseworkStaffRow[] = await manager.query(caseworkStaffSql('$1'), [ids]);
  return checkCaseworkStaff(rows, ids, options);
}

/** As `assertCaseworkStaff`, over rows already read with `caseworkStaffSql` (by a statement reading more). */
export function checkCaseworkStaff(rows: readonly CaseworkStaffRow[], ids: readonly string[], options: { field: string; officeId?: string }): Map<string, string> {
  const found = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  ids.forEach((id, index) => {
    const field = ids.length > 1 || options.field.endsWith('s') ? `${options.field}[${index}]` : options.field;
    const row = found.get(id);
    if (!row) errors.push({ field, code: 'not_casework_staff', message: '有効な相談員・係長ではありません。' });
    else if (options.officeId && row.office_id !== options.officeId) errors.push({ field, code: 'not_of_the_office', message: 'ケースの担当事業所の職員ではありません。' });
  });
  if (errors.length > 0) throw validationFailed(errors);
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

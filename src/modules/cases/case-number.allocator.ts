import { EntityManager } from 'typeorm';
import { fiscalYearOf, JapanDate } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';

/**
 * Case numbers are unique per office and fiscal year: the 令和 year and a
 * sequence, e.g. 'R8-0012'. The counter row is locked by the upsert, so two
 * cases opened at the same moment never get the same number.
 */
export async function allocateCaseNumber(manager: EntityManager, officeId: string, openedOn: JapanDate): Promise<{ caseNumber: string; fiscalYear: number }> {
  const fiscalYear = fiscalYearOf(openedOn);
  const rows = await sqlRows<{ last_value: number }>(
    manager,
    `INSERT INTO case_number_counters (office_id, fiscal_year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (office_id, fiscal_year) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [officeId, fiscalYear],
  );
  return { caseNumber: formatCaseNumber(fiscalYear, rows[0].last_value), fiscalYear };
}

export function formatCaseNumber(fiscalYear: number, sequence: number): string {
  const era = fiscalYear >= 2019 ? `R${fiscalYear - 2018}` : `H${fiscalYear - 1988}`;
  return `${era}-${String(sequence).padStart(4, '0')}`;
}

import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CappedTotal, cappedTotal } from './capped-total';

/**
 * The capped total of a list built with the query builder: its rows counted
 * no further than `cap + 1` (select list and order dropped), answered with
 * `cappedTotal`. The raw-SQL lists use `countUpToSql` for the same count.
 */
export async function cappedCount(manager: EntityManager, qb: SelectQueryBuilder<object>, cap: number): Promise<CappedTotal> {
  const [sql, params] = qb.clone().select('1').orderBy().limit(cap + 1).getQueryAndParameters();
  const [{ n }]: Array<{ n: string }> = await manager.query(`SELECT count(*) AS n FROM (${sql}) AS counted`, params);
  return cappedTotal(Number(n), cap);
}

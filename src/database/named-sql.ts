import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from './sql';

/**
 * Runs SQL written with named parameters (`:name`, `:...list`), the style of
 * `AccessService.caseScopeCondition`, so raw set-based queries can embed the
 * scope condition as it is. Only names present in `params` are replaced, so
 * casts such as `::date` are left alone (do not name a parameter like a type).
 */
export async function namedRows<T>(runner: DataSource | EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const dataSource = runner instanceof DataSource ? runner : runner.connection;
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, params);
  return sqlRows<T>(runner, text, values);
}

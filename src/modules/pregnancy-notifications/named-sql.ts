import { EntityManager } from 'typeorm';
import { sqlRows } from '../../database/sql';

/**
 * Raw SQL with TypeORM-style named parameters (`:office`, `:...ids`), so the
 * scope conditions of AccessService can be embedded in hand-written queries
 * (reports) without renumbering their parameters.
 */
export async function namedSqlRows<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return sqlRows<T>(manager, text, values);
}

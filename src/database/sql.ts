import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and answers its rows. TypeORM answers UPDATE/DELETE ... RETURNING
 * as `[rows, affectedCount]` but SELECT and INSERT as plain rows; this
 * evens that out so callers never index into the wrong shape.
 */
export async function sqlRows<T>(runner: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { Actor } from '../../src/common/auth/actor';
import { positionalSql } from '../../src/database/named-sql';

/** What every bare handler gets: the app to add routes to, a plain pg pool, and who is asking. */
export interface BareContext {
  app: FastifyInstance;
  pool: Pool;
  /** The bench's fixed users, named by the `x-bench-actor` header (consultant, supervisor) in place of a token. */
  actorOf(request: FastifyRequest): Actor;
}

/** Runs SQL on the pool and answers the rows. */
export async function rows<T>(pool: Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, params)).rows as T[];
}

/**
 * Runs SQL with TypeORM-style named parameters (`:scopeOffice`) on the pool,
 * converted by the application's own `positionalSql`: the bare handlers hand
 * PostgreSQL the very texts and values the API does (only names given are
 * replaced: `HH24:MI:SS` in a format string is text, not two parameters).
 */
export async function namedRowsOn<T>(pool: Pool, sql: string, named: Record<string, unknown>): Promise<T[]> {
  return rows<T>(pool, ...positionalSql(sql, named));
}

/** `query(sql, params)` answering the rows, over the plain pool: the one method of TypeORM's runners that raw SQL needs. */
function queryOver(pool: Pool): { query(sql: string, params?: unknown[]): Promise<unknown[]> } {
  return { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows };
}

/**
 * A stand-in for the one EntityManager method AccessService uses (`query`),
 * over the plain pool: the bare handlers run AccessService's own access SQL
 * and decision, without TypeORM.
 */
export function managerOver(pool: Pool): import('typeorm').EntityManager {
  return queryOver(pool) as unknown as import('typeorm').EntityManager;
}

/** The same stand-in where application code takes a DataSource for its raw SQL (the measure groups). */
export function dataSourceOver(pool: Pool): import('typeorm').DataSource {
  return queryOver(pool) as unknown as import('typeorm').DataSource;
}

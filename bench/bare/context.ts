import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { Actor } from '../../src/common/auth/actor';

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
 * Turns a TypeORM-style condition with named parameters (`:scopeOffice`)
 * into positional ones appended to `params`, so the bare handlers run the
 * very scope SQL AccessService hands the feature services. As `namedRows`
 * does, only names given in `named` are replaced: `HH24:MI:SS` in a format
 * string is text, not two parameters.
 */
export function positional(sql: string, named: Record<string, unknown>, params: unknown[]): string {
  const index = new Map<string, number>();
  return sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string) => {
    if (!(name in named)) return match;
    if (!index.has(name)) {
      params.push(named[name]);
      index.set(name, params.length);
    }
    return `$${index.get(name)}`;
  });
}

/**
 * A stand-in for the one EntityManager method AccessService uses (`query`),
 * over the plain pool: the bare handlers run AccessService's own access SQL
 * and decision, without TypeORM.
 */
export function managerOver(pool: Pool): import('typeorm').EntityManager {
  return { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows } as unknown as import('typeorm').EntityManager;
}

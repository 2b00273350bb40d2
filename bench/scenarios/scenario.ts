import { Client } from 'pg';
import { Actor } from '../../src/common/auth/actor';

export type BenchActor = 'consultant' | 'supervisor';

export interface Step {
  method: 'GET' | 'POST';
  /** Called per request, so a scenario can rotate ids. */
  path: () => string;
  body?: () => string;
}

export interface ScenarioPlan {
  /** What each connection cycles through on the API (and on the bare server unless `bare` is given). */
  api: Step[];
  /** The bare server's own steps, where it differs (a write's bare insert handler). */
  bare?: Step[];
  /**
   * For reads: a digest of an answer (ids, totals) that must be the same
   * from the API and the bare server for the first step, proving they run the same query.
   */
  fingerprint?: (body: unknown) => unknown;
}

export interface ScenarioContext {
  db: Client;
  actors: Record<BenchActor, Actor>;
}

export interface Scenario {
  name: string;
  title: string;
  kind: 'read' | 'write';
  actor: BenchActor;
  prepare(context: ScenarioContext): Promise<ScenarioPlan>;
}

/** Cycles through a list, so consecutive requests hit different records (and do not all queue on one row). */
export function rotate<T>(values: T[]): () => T {
  if (values.length === 0) throw new Error('nothing to rotate through: is the bench database generated?');
  let i = 0;
  return () => values[i++ % values.length];
}

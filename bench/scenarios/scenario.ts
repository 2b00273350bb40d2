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

/**
 * read: a list, search or detail a user waits for (judged against PERFORMANCE.md's read targets);
 * write: judged against the bare insert; report: a fiscal-year report, seconds of database work
 * per request, judged against its own target (issue 9: under 2 s).
 */
export type ScenarioKind = 'read' | 'write' | 'report';

/** The two load levels of a scenario: its throughput is compared at `high`, its latency judged at `low`. */
export interface LoadLevels {
  high: number;
  low: number;
}

/** What a screen or a list is loaded at: 50 concurrent requests, and 10 for latency. */
export const DEFAULT_LOAD_LEVELS: LoadLevels = { high: 50, low: 10 };

export interface Scenario {
  name: string;
  title: string;
  kind: ScenarioKind;
  actor: BenchActor;
  /** Connections at each level; DEFAULT_LOAD_LEVELS unless given. */
  connections?: LoadLevels;
  /** The shortest run that gives its percentiles enough requests (BENCH_SECONDS when that is longer). */
  minSeconds?: number;
  /** How long one request may take before it counts as an error; 10 s unless given. */
  timeoutSeconds?: number;
  prepare(context: ScenarioContext): Promise<ScenarioPlan>;
}

/** Cycles through a list, so consecutive requests hit different records (and do not all queue on one row). */
export function rotate<T>(values: T[]): () => T {
  if (values.length === 0) throw new Error('nothing to rotate through: is the bench database generated?');
  let i = 0;
  return () => values[i++ % values.length];
}

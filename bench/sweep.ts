import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fiscalYearOf, todayInJapan } from '../src/common/time/japan-time';
import { startBenchStack } from './lib/bench-stack';
import { runBench } from './lib/main';
import { machine, ROOT } from './lib/stack';
import { datasetOf } from './run';
import { BenchActor } from './scenarios/scenario';

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Routes the sweep leaves alone: probes, whole-office files (seconds each, and streamed), and the API's own documents. */
const SKIPPED = [/^\/health\//, /^\/api\/v1\/exports\//, /^\/api\/(docs|openapi)/];

interface RouteTimes {
  actor: BenchActor;
  route: string;
  statuses: number[];
  ms: number[];
  /** Median of the calls PostgreSQL plans for their values (2nd–6th: the first runs unprepared). */
  customMs: number;
  /** Median and slowest of the calls from the 7th on, which may run a generic plan. */
  laterMs: number;
  laterMaxMs: number;
  flagged: string | null;
}

/**
 * Why a route's times are suspect: an answer of 500 or more, or the calls
 * from the seventh on (when a connection's prepared statements may have kept
 * a generic plan) slower than the second to sixth by three times at the
 * median, and slower than 20 ms. A plan kept stays: every later call is slow,
 * where a pause of the machine makes one.
 */
export function flagOf(statuses: number[], ms: number[]): string | null {
  const failed = [...new Set(statuses.filter((status) => status >= 500))];
  if (failed.length > 0) return `answered ${failed.join(', ')}`;
  const custom = median(ms.slice(1, 6));
  const later = median(ms.slice(6));
  if (later > 3 * custom && later > 20) return `calls 7-${ms.length} took ${later.toFixed(0)} ms at the median, against ${custom.toFixed(0)} for calls 2-6`;
  return null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/**
 * `npm run bench:sweep`: every `GET` route of the API's OpenAPI document on
 * the bench database, as the bench's consultant and supervisor, each called
 * SWEEP_CALLS times in a row (12): list routes with their required values
 * only, and each detail route over the records the list before it answered,
 * a different one each call. The API's pg client prepares a statement on its
 * second use and PostgreSQL plans its first five executions for their values;
 * from the seventh call it may keep a generic plan, which for the personal
 * due list read every open reminder against every recipient and ran into the
 * statement timeout. The bench scenarios call a few routes thousands of
 * times; this calls all of them past the seventh. Prints one line per route
 * and writes bench/results/sweep-<scale>.json; exits 1 when a route is flagged
 * (`flagOf`). SWEEP_ONLY (a regular expression) limits it to the list routes
 * it matches and their detail routes.
 */
async function main(): Promise<number> {
  const calls = Math.max(7, int('SWEEP_CALLS', 12));
  const { api, db, tokens } = await startBenchStack({ name: 'sweep' });
  const dataset = await datasetOf(db);
  const document = (await (await fetch(`${api}/api/openapi.json`)).json()) as { paths: Record<string, { get?: { parameters?: Array<{ in: string; name: string; required?: boolean }> } }> };
  const fiscalYear = fiscalYearOf(todayInJapan());
  const getRoutes = Object.entries(document.paths).filter(([route, operations]) => operations.get && !SKIPPED.some((pattern) => pattern.test(route)));
  const only = process.env.SWEEP_ONLY ? new RegExp(process.env.SWEEP_ONLY) : null;
  const lists = getRoutes.filter(([route]) => !route.includes('{') && (!only || only.test(route)));
  const details = getRoutes.map(([route]) => route).filter((route) => /^(.*)\/\{id\}(\/[a-z-]+)?$/.test(route));

  const results: RouteTimes[] = [];
  const call = async (token: string, url: string) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${api}${url}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(40_000) });
    const body = await response.text();
    return { status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  const record = (actor: BenchActor, route: string, answers: Array<{ status: number; ms: number }>) => {
    const statuses = answers.map((a) => a.status);
    const ms = answers.map((a) => Math.round(a.ms * 10) / 10);
    const later = ms.slice(6);
    const times: RouteTimes = { actor, route, statuses, ms, customMs: median(ms.slice(1, 6)), laterMs: median(later), laterMaxMs: Math.max(...later), flagged: flagOf(statuses, ms) };
    results.push(times);
    process.stdout.write(`${actor.padEnd(10)} ${[...new Set(statuses)].join('/')} ${ms.map((m) => m.toFixed(0)).join(' ')}  ${route}${times.flagged ? `  <-- ${times.flagged}` : ''}\n`);
  };

  for (const actor of ['consultant', 'supervisor'] as const) {
    const token = tokens[actor];
    for (const [route, operations] of lists) {
      const required = (operations.get?.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name);
      const query = required.map((name) => (name === 'fiscalYear' ? `fiscalYear=${fiscalYear}` : null));
      if (query.includes(null)) continue; // a required value the sweep cannot make up
      const url = query.length ? `${route}?${query.join('&')}` : route;
      const answers = [];
      for (let i = 0; i < calls; i++) answers.push(await call(token, url));
      record(actor, url, answers);
      // The records this list answered, for its detail routes: a different one each call where there are enough.
      const ids = idsOf(answers[0].body);
      if (ids.length === 0) continue;
      for (const detail of details.filter((d) => d.startsWith(`${route}/{id}`))) {
        const detailAnswers = [];
        for (let i = 0; i < calls; i++) detailAnswers.push(await call(token, detail.replace('{id}', ids[i % ids.length])));
        record(actor, `${detail} (${Math.min(ids.length, calls)} records)`, detailAnswers);
      }
    }
  }

  const flagged = results.filter((r) => r.flagged);
  const file = path.join(ROOT, 'bench/results', `sweep-${dataset.scale}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ kind: 'sweep', date: new Date().toISOString(), machine: machine(), dataset, calls, flagged: flagged.length, results }, null, 2)}\n`);
  process.stdout.write(`[sweep] ${results.length} routes × ${calls} calls; ${flagged.length} flagged; written to ${path.relative(ROOT, file)}\n`);
  return flagged.length > 0 ? 1 : 0;
}

/** The ids of a list's items (none when the answer is not a list of records). */
function idsOf(body: string): string[] {
  try {
    const items = (JSON.parse(body) as { items?: Array<{ id?: unknown }> }).items ?? [];
    return items.flatMap((item) => (typeof item.id === 'string' ? [item.id] : []));
  } catch {
    return [];
  }
}

if (require.main === module) runBench('sweep', main, int('SWEEP_DEADLINE_SECONDS', 1800));

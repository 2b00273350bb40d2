import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fiscalYearOf, todayInJapan } from '../src/common/time/japan-time';
import { startBenchStack } from './lib/bench-stack';
import { runBench } from './lib/main';
import { datasetOf } from './lib/dataset';
import { median } from './lib/median';
import { machine, ROOT } from './lib/stack';
import { flagOf } from './lib/sweep-flag';
import { BenchActor } from './scenarios/scenario';

/** Routes the sweep leaves alone: probes, whole-office files (seconds each, and streamed), and the API's own documents. */
const SKIPPED = [/^\/health\//, /^\/api\/v1\/exports\//, /^\/api\/(docs|openapi)/];
/** A detail route the sweep can fill: a list's path, then `{id}`, then at most one more segment. */
const DETAIL = /^(.*)\/\{id\}(\/[a-z-]+)?$/;

interface RouteTimes {
  actor: BenchActor;
  /** The route as the OpenAPI document names it. */
  route: string;
  url: string;
  /** For a detail route: how many different records its calls went over. */
  records?: number;
  statuses: number[];
  ms: number[];
  /** Median of the calls PostgreSQL plans for their values (2nd–6th: the first runs unprepared). */
  customMs: number;
  /** Median and slowest of the calls from the 7th on, which may run a generic plan. */
  laterMs: number;
  laterMaxMs: number;
  /** False when every call answered 4xx: the route's statements did not run. */
  exercised: boolean;
  flagged: string | null;
}

interface Skipped {
  actor: BenchActor | 'both';
  route: string;
  why: string;
}

/**
 * `npm run bench:sweep`: the `GET` routes of the API's OpenAPI document on
 * the bench database, as the bench's consultant and then its supervisor,
 * each on an API process of its own (a fresh one for each, so each starts
 * with no statement prepared), every route called SWEEP_CALLS times in a row
 * (12): list routes with their required values only, and each detail route
 * over the records its list answered, a different one each call where there
 * are enough. The API's pg client prepares a statement on its second use,
 * and PostgreSQL plans its first five executions for their values; from the
 * seventh call it may keep a generic plan, which for the personal due list
 * read every open reminder against every recipient and ran into the
 * statement timeout. The bench scenarios call a few routes thousands of
 * times; this calls every route it can fill past the seventh.
 *
 * Prints a line per route, and the routes it skipped and why (a path
 * parameter it cannot fill, a list answering no records for its detail
 * routes); routes answering only 4xx are counted as not exercised. Writes
 * bench/results/sweep-<scale>.json (a run narrowed by SWEEP_ONLY, a regular
 * expression over list routes, goes to bench/results/tmp/). Exits 1 when a
 * route is flagged (`flagOf`).
 */
async function main(): Promise<number> {
  const calls = Number(process.env.SWEEP_CALLS ?? 12);
  if (!Number.isInteger(calls) || calls < 7) throw new Error('SWEEP_CALLS must be a whole number of calls, 7 or more');
  const only = process.env.SWEEP_ONLY ? new RegExp(process.env.SWEEP_ONLY) : null;
  const { api, db, stack, tokens } = await startBenchStack({ name: 'sweep' });
  const dataset = await datasetOf(db);
  const document = (await (await fetch(`${api}/api/openapi.json`)).json()) as { paths: Record<string, { get?: { parameters?: Array<{ in: string; name: string; required?: boolean }> } }> };
  const fiscalYear = fiscalYearOf(todayInJapan());
  const getRoutes = Object.entries(document.paths).filter(([route, operations]) => operations.get && !SKIPPED.some((pattern) => pattern.test(route)));
  const lists = getRoutes.filter(([route]) => !route.includes('{') && (!only || only.test(route)));
  const details = getRoutes.map(([route]) => route).filter((route) => route.includes('{'));
  const skipped: Skipped[] = details.filter((route) => !DETAIL.test(route)).map((route) => ({ actor: 'both', route, why: 'a path parameter the sweep cannot fill' }));

  const results: RouteTimes[] = [];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const record = (actor: BenchActor, route: string, url: string, answers: Array<{ status: number; ms: number }>, records?: number) => {
    const statuses = answers.map((a) => a.status);
    const ms = answers.map((a) => Math.round(a.ms * 10) / 10);
    const later = ms.slice(6);
    const exercised = statuses.some((status) => status < 400);
    const times: RouteTimes = { actor, route, url, records, statuses, ms, customMs: median(ms.slice(1, 6)), laterMs: median(later), laterMaxMs: Math.max(...later), exercised, flagged: flagOf(statuses, ms) };
    results.push(times);
    const note = times.flagged ? `  <-- ${times.flagged}` : exercised ? '' : '  (not exercised: 4xx only)';
    log(`${actor.padEnd(10)} ${[...new Set(statuses)].join('/')} ${ms.map((m) => m.toFixed(0)).join(' ')}  ${url}${records !== undefined ? ` (${records} records)` : ''}${note}`);
  };

  for (const actor of ['consultant', 'supervisor'] as const) {
    // A fresh API for each user: the second would otherwise find the first one's statements prepared and planned.
    // The tokens signed in on the first API serve on any: sessions are in the database.
    const url = actor === 'consultant' ? api : await stack.startApi();
    const token = tokens[actor];
    const call = async (target: string) => {
      const started = process.hrtime.bigint();
      try {
        const response = await fetch(`${url}${target}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(40_000) });
        const body = await response.text();
        return { status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6, body };
      } catch {
        // No answer within 40 s, or the connection failed: status 0, which flags the route.
        return { status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, body: '' };
      }
    };
    for (const [route, operations] of lists) {
      const required = (operations.get?.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name);
      const unknown = required.filter((name) => name !== 'fiscalYear');
      if (unknown.length > 0) {
        skipped.push({ actor, route, why: `a required value the sweep cannot make up (${unknown.join(', ')})` });
        continue;
      }
      const target = required.length ? `${route}?fiscalYear=${fiscalYear}` : route;
      const answers = [];
      for (let i = 0; i < calls; i++) answers.push(await call(target));
      record(actor, route, target, answers);
      const own = details.filter((detail) => DETAIL.exec(detail)?.[1] === route);
      if (own.length === 0) continue;
      const ids = idsOf(answers[0].body);
      if (ids.length === 0) {
        for (const detail of own) skipped.push({ actor, route: detail, why: `its list answered no records (${answers[0].status})` });
        continue;
      }
      for (const detail of own) {
        const detailAnswers = [];
        for (let i = 0; i < calls; i++) detailAnswers.push(await call(detail.replace('{id}', ids[i % ids.length])));
        record(actor, detail, detail, detailAnswers, Math.min(ids.length, calls));
      }
    }
  }

  for (const s of skipped) log(`skipped ${s.actor === 'both' ? '' : `(${s.actor}) `}${s.route}: ${s.why}`);
  const flagged = results.filter((r) => r.flagged);
  const notExercised = results.filter((r) => !r.exercised);
  const file = only ? path.join(ROOT, 'bench/results/tmp', `sweep-${dataset.scale}-only.json`) : path.join(ROOT, 'bench/results', `sweep-${dataset.scale}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const summary = { routes: results.length, exercised: results.length - notExercised.length, notExercised: notExercised.length, skipped: skipped.length, flagged: flagged.length };
  writeFileSync(file, `${JSON.stringify({ kind: 'sweep', date: new Date().toISOString(), machine: machine(), dataset, calls, only: only?.source ?? null, summary, results, skipped }, null, 2)}\n`);
  log(
    `[sweep] ${summary.routes} route × user pairs × ${calls} calls: ${summary.exercised} exercised, ${summary.notExercised} answered 4xx only, ` +
      `${summary.skipped} skipped, ${summary.flagged} flagged; written to ${path.relative(ROOT, file)}`,
  );
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

if (require.main === module) runBench('sweep', main, Number(process.env.SWEEP_DEADLINE_SECONDS ?? 1800));

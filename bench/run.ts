import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startBenchStack } from './lib/bench-stack';
import { backendCpuDelta, backendCpuSeconds, cpuSecondsOf } from './lib/cpu';
import { datasetOf } from './lib/dataset';
import { LoadResult, runLoad } from './lib/load';
import { freePort } from './lib/ports';
import { MeasuredProcess, waitForHttp } from './lib/processes';
import { DIST, machine, ROOT } from './lib/stack';
import { renderPerformanceTable } from './report';
import { Target, targetsOf } from './lib/targets';
import { SCENARIOS } from './scenarios';
import { DEFAULT_LOAD_LEVELS, LoadLevels, Scenario, ScenarioKind, ScenarioPlan, Step } from './scenarios/scenario';
import { cleanups, runBench } from './lib/main';

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
/** Seconds of load per server and level before a scenario's measured runs. */
const WARM_UP_SECONDS = 3;

export interface RunRecord extends LoadResult {
  server: 'api' | 'bare';
  connections: number;
  round: number;
  rssMb: { api: number; worker: number; bare: number };
  /** CPU per request, in ms: the serving process, and the PostgreSQL backends of its pool. */
  cpuMsPerRequest: { process: number; database: number };
}

export interface ScenarioResult {
  name: string;
  title: string;
  kind: ScenarioKind;
  /** The scenario's two load levels (absent from results written before scenarios had their own: 50 and 10). */
  connections?: LoadLevels;
  equivalent: boolean | null;
  equivalenceNote?: string;
  runs: RunRecord[];
  /** Figures named "50" are at the scenario's high level and "10" at its low one: 50 and 10 unless `connections` says otherwise. */
  summary: {
    apiRps50: number;
    bareRps50: number;
    ratio50: number;
    apiP50at50: number;
    apiP95at50: number;
    apiP99at50: number;
    bareP95at50: number;
    apiP95at10: number;
    bareP95at10: number;
    apiRssMb: number;
    workerRssMb: number;
    errors: number;
    /** CPU per request (process + its database backends) at 50 connections: what the ratio would be on an idle machine. */
    apiCpuMs: number;
    bareCpuMs: number;
    cpuRatio: number;
  };
  targets: Target[];
}

/**
 * `npm run bench`: every scenario against the real API (with its worker) and
 * against the bare Fastify + pg server running the same SQL, alternating, at
 * 50 and at 10 connections (the fiscal-year report at 2 and 1), on the generated bench database
 * (`npm run bench:generate -- --scale 1m` first). Redis is a private
 * redis-server. Results go to bench/results/bench-<scale>.json and the table
 * in docs/performance.md.
 */
async function main(): Promise<void> {
  const seconds = int('BENCH_SECONDS', 10);
  const rounds = int('BENCH_ROUNDS', 1);
  const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
  const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

  const { databaseUrl, db, stack, api, sweepSeconds, actors, tokens } = await startBenchStack({ name: 'bench' });
  const dataset = await datasetOf(db);
  log(`dataset ${JSON.stringify(dataset)}`);
  log(`worker's start-up sweeps done after ${sweepSeconds.toFixed(0)} s`);
  const barePort = await freePort();
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const bare = MeasuredProcess.start('bare', path.join(DIST, 'bench/bare-server.js'), { DATABASE_URL: databaseUrl, PORT: String(barePort), BARE_ACTORS: JSON.stringify(actors) }, { logFile: path.join(stack.settings.logDir, 'bare.log') });
  cleanups.push(() => bare.stop());
  await waitForHttp(`${bareUrl}/health/ready`);
  log(`API ${api}, bare ${bareUrl}; ${seconds} s per run, ${rounds} round(s)`);

  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    const plan = await scenario.prepare({ db, actors });
    const apiHeaders = { authorization: `Bearer ${tokens[scenario.actor]}` };
    const bareHeaders = { 'x-bench-actor': scenario.actor };
    const equivalence = await compare(plan, api, apiHeaders, bareUrl, bareHeaders);
    log(`${scenario.name}: ${equivalence.note}`);
    const target = (server: 'api' | 'bare') => (server === 'api' ? { url: api, headers: apiHeaders, steps: plan.api } : { url: bareUrl, headers: bareHeaders, steps: plan.bare ?? plan.api });
    const load = (server: 'api' | 'bare', connections: number, durationSeconds: number) => {
      const t = target(server);
      return runLoad({ url: t.url, headers: t.headers, sequence: t.steps, connections, durationSeconds, timeoutSeconds: scenario.timeoutSeconds });
    };
    const levels = scenario.connections ?? DEFAULT_LOAD_LEVELS;
    const runSeconds = Math.max(seconds, scenario.minSeconds ?? 0);
    // Warm both up at each level before anything is recorded: JIT, caches, and every pooled connection. At the low
    // level alone only 10 of the API's 20 connections were used, and each of the others then prepared and planned
    // the scenario's statements during the measured run (a new connection's first executions of the visit write's
    // read took 1-9 ms, against 0.14 ms at the median); and a young API process still spends a sixth of its CPU
    // compiling (docs/performance.md).
    for (const connections of [levels.high, levels.low]) {
      await load('api', connections, WARM_UP_SECONDS);
      await load('bare', connections, WARM_UP_SECONDS);
    }
    const runs: RunRecord[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const connections of [levels.high, levels.low]) {
        for (const server of ['api', 'bare'] as const) {
          const processes = { api: stack.apis[0].process, worker: stack.workers[0], bare };
          Object.values(processes).forEach((p) => p.resetPeak());
          const serving = server === 'api' ? processes.api : processes.bare;
          const appName = server === 'api' ? 'hagukumi' : 'hagukumi-bare';
          const cpuBefore = cpuSecondsOf(serving.pid);
          const backendsBefore = await backendCpuSeconds(db, appName);
          const result = await load(server, connections, runSeconds);
          const perRequest = (cpuSeconds: number) => (result.requests > 0 ? (cpuSeconds * 1000) / result.requests : NaN);
          const cpuMsPerRequest = { process: perRequest(cpuSecondsOf(serving.pid) - cpuBefore), database: perRequest(backendCpuDelta(backendsBefore, await backendCpuSeconds(db, appName))) };
          const record: RunRecord = { ...result, server, connections, round, rssMb: { api: processes.api.peakRssMb(), worker: processes.worker.peakRssMb(), bare: processes.bare.peakRssMb() }, cpuMsPerRequest };
          runs.push(record);
          log(`${scenario.name} ${server.padEnd(4)} c=${connections}: ${result.rps.toFixed(result.rps < 10 ? 2 : 0)} req/s p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}, non-2xx ${result.non2xx}, RSS api ${record.rssMb.api.toFixed(0)} worker ${record.rssMb.worker.toFixed(0)} MB, CPU/request ${cpuMsPerRequest.process.toFixed(2)} + db ${cpuMsPerRequest.database.toFixed(2)} ms`);
        }
      }
    }
    results.push(summarise(scenario, levels, runs, equivalence));
  }

  const output = {
    kind: 'bench',
    date: new Date().toISOString(),
    machine: machine(),
    note: 'Shared machine: other engineers ran builds, tests and benches at the same time; absolute figures are pessimistic, ratios were measured side by side.',
    database: databaseUrl.replace(/\/\/[^@]*@/, '//'),
    dataset,
    // The default levels; a scenario with its own says so in its `connections`.
    settings: { seconds, rounds, connections: [DEFAULT_LOAD_LEVELS.high, DEFAULT_LOAD_LEVELS.low] },
    scenarios: results,
    reminders: latestRemindersBench(),
  };
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const file = path.join(ROOT, `bench/results/bench-${dataset.scale}.json`);
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  const doc = path.join(ROOT, 'docs/performance.md');
  if (existsSync(doc)) writeFileSync(doc, renderPerformanceTable(readFileSync(doc, 'utf8'), output));
  log(`written to ${path.relative(ROOT, file)} and docs/performance.md`);
}

/** Sends the first step to both servers and compares what the scenario says must match. */
async function compare(plan: ScenarioPlan, api: string, apiHeaders: Record<string, string>, bare: string, bareHeaders: Record<string, string>): Promise<{ equivalent: boolean | null; note: string }> {
  if (!plan.fingerprint) return { equivalent: null, note: 'write: API and bare insert handler differ by design' };
  const step: Step = plan.api[0];
  const path = step.path();
  const fetchBody = async (base: string, headers: Record<string, string>) => {
    const response = await fetch(`${base}${path}`, { method: step.method, headers: { ...headers, ...(step.body ? { 'content-type': 'application/json' } : {}) }, body: step.body?.() });
    if (!response.ok) throw new Error(`${step.method} ${path} on ${base}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    return response.json();
  };
  const [a, b] = [plan.fingerprint(await fetchBody(api, apiHeaders)), plan.fingerprint(await fetchBody(bare, bareHeaders))];
  const same = JSON.stringify(a) === JSON.stringify(b);
  return { equivalent: same, note: same ? `same answer from API and bare (${JSON.stringify(a).slice(0, 120)})` : `DIFFERENT answers: api ${JSON.stringify(a).slice(0, 200)} bare ${JSON.stringify(b).slice(0, 200)}` };
}

function summarise(scenario: Scenario, levels: LoadLevels, runs: RunRecord[], equivalence: { equivalent: boolean | null; note: string }): ScenarioResult {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const pick = (server: 'api' | 'bare', connections: number) => runs.filter((r) => r.server === server && r.connections === connections);
  const api50 = pick('api', levels.high);
  const bare50 = pick('bare', levels.high);
  const api10 = pick('api', levels.low);
  const bare10 = pick('bare', levels.low);
  const apiRps50 = mean(api50.map((r) => r.rps));
  const bareRps50 = mean(bare50.map((r) => r.rps));
  const apiRuns = runs.filter((r) => r.server === 'api');
  const summary = {
    apiRps50,
    bareRps50,
    ratio50: apiRps50 / bareRps50,
    apiP50at50: mean(api50.map((r) => r.p50)),
    apiP95at50: mean(api50.map((r) => r.p95)),
    apiP99at50: mean(api50.map((r) => r.p99)),
    bareP95at50: mean(bare50.map((r) => r.p95)),
    apiP95at10: mean(api10.map((r) => r.p95)),
    bareP95at10: mean(bare10.map((r) => r.p95)),
    apiRssMb: Math.max(...apiRuns.map((r) => r.rssMb.api)),
    workerRssMb: Math.max(...apiRuns.map((r) => r.rssMb.worker)),
    errors: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
    apiCpuMs: mean(api50.map((r) => r.cpuMsPerRequest.process + r.cpuMsPerRequest.database)),
    bareCpuMs: mean(bare50.map((r) => r.cpuMsPerRequest.process + r.cpuMsPerRequest.database)),
    cpuRatio: NaN,
  };
  summary.cpuRatio = summary.bareCpuMs / summary.apiCpuMs;
  const targets = targetsOf(scenario.kind, levels, summary);
  return { name: scenario.name, title: scenario.title, kind: scenario.kind, connections: levels, equivalent: equivalence.equivalent, equivalenceNote: equivalence.note, runs, summary, targets };
}

/** The reminder engine's own bench (bench/reminders.bench.ts) writes bench/results/reminders.json; quoted in the report. */
function latestRemindersBench(): unknown {
  const file = path.join(ROOT, 'bench/results/reminders.json');
  if (!existsSync(file)) return null;
  return { file: 'bench/results/reminders.json', ...JSON.parse(readFileSync(file, 'utf8')) };
}

if (require.main === module) runBench('bench', main, int('BENCH_DEADLINE_SECONDS', 3600));

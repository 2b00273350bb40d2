import { LoadLevels, ScenarioKind } from '../scenarios/scenario';

/** The figures a scenario is judged on (named after the default levels: "50" is its high level, "10" its low one). */
export interface JudgedFigures {
  ratio50: number;
  apiP95at10: number;
  apiRssMb: number;
  workerRssMb: number;
  errors: number;
}

export interface Target {
  name: string;
  ok: boolean;
}

/**
 * The targets of ../shared/PERFORMANCE.md by kind of scenario. A report is
 * held to the reads' throughput ratio and, for latency, to its own target
 * (issue 9: a fiscal-year report in under 2 s): the 10 ms of a list do not
 * apply to a second of set-based SQL.
 */
export function targetsOf(kind: ScenarioKind, levels: LoadLevels, figures: JudgedFigures): Target[] {
  const throughput = (minimum: number, against: string) => ({ name: `throughput ≥ ${minimum}× ${against} at ${levels.high} connections`, ok: figures.ratio50 >= minimum });
  const atLow = `at ${levels.low} connection${levels.low === 1 ? '' : 's'}`;
  const own =
    kind === 'read'
      ? [throughput(0.5, 'bare'), { name: `p95 ≤ 10 ms ${atLow}`, ok: figures.apiP95at10 <= 10 }]
      : kind === 'report'
        ? [throughput(0.5, 'bare'), { name: `p95 < 2 s ${atLow}`, ok: figures.apiP95at10 < 2000 }]
        : [throughput(0.3, 'the bare insert')];
  return [
    ...own,
    { name: 'API and worker RSS ≤ 256 MB', ok: figures.apiRssMb <= 256 && figures.workerRssMb <= 256 },
    { name: 'no errors', ok: figures.errors === 0 },
  ];
}

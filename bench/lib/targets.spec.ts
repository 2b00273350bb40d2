import { DEFAULT_LOAD_LEVELS } from '../scenarios/scenario';
import { JudgedFigures, targetsOf } from './targets';

const passing: JudgedFigures = { ratio50: 1, apiP95at10: 5, apiRssMb: 200, workerRssMb: 150, errors: 0 };
const failed = (targets: Array<{ name: string; ok: boolean }>) => targets.filter((t) => !t.ok).map((t) => t.name);

describe('targetsOf', () => {
  it('holds a read to 0.5× the bare handler at its high level and 10 ms at its low one', () => {
    const targets = targetsOf('read', DEFAULT_LOAD_LEVELS, passing);
    expect(targets.map((t) => t.name)).toEqual([
      'throughput ≥ 0.5× bare at 50 connections',
      'p95 ≤ 10 ms at 10 connections',
      'API and worker RSS ≤ 256 MB',
      'no errors',
    ]);
    expect(failed(targets)).toEqual([]);
    expect(failed(targetsOf('read', DEFAULT_LOAD_LEVELS, { ...passing, ratio50: 0.49, apiP95at10: 10.01 }))).toEqual([
      'throughput ≥ 0.5× bare at 50 connections',
      'p95 ≤ 10 ms at 10 connections',
    ]);
  });

  it('holds a write to 0.3× the bare insert, with no latency target', () => {
    expect(failed(targetsOf('write', DEFAULT_LOAD_LEVELS, { ...passing, ratio50: 0.3, apiP95at10: 500 }))).toEqual([]);
    expect(failed(targetsOf('write', DEFAULT_LOAD_LEVELS, { ...passing, ratio50: 0.299 }))).toEqual(['throughput ≥ 0.3× the bare insert at 50 connections']);
  });

  it("holds a report to the reads' ratio and to under 2 s, named at the report's own levels", () => {
    const levels = { high: 4, low: 1 };
    expect(failed(targetsOf('report', levels, { ...passing, apiP95at10: 1999 }))).toEqual([]);
    expect(failed(targetsOf('report', levels, { ...passing, ratio50: 0.4, apiP95at10: 2000 }))).toEqual(['throughput ≥ 0.5× bare at 4 connections', 'p95 < 2 s at 1 connection']);
  });

  it('fails any scenario over 256 MB in either process, or with an error', () => {
    expect(failed(targetsOf('read', DEFAULT_LOAD_LEVELS, { ...passing, workerRssMb: 257 }))).toEqual(['API and worker RSS ≤ 256 MB']);
    expect(failed(targetsOf('write', DEFAULT_LOAD_LEVELS, { ...passing, ratio50: 0.5, errors: 1 }))).toEqual(['no errors']);
  });
});

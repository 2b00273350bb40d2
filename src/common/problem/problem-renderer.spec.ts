import { QueryFailedError } from 'typeorm';
import { isDependencyDown, toProblem } from './problem-renderer';
import { addDays, OutsideCalendarError } from '../time/japan-time';
import { addWorkingDays, workingDaysBetween } from '../time/working-days';

/** What the pg and ioredis clients throw while a dependency is down, as seen by the fault bench. */
describe('a dependency that is down answers 503', () => {
  const driverError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
  const cases: Array<[string, unknown]> = [
    ['ioredis without an offline queue (Redis down)', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis retries exhausted', Object.assign(new Error('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' })],
    ['ioredis connection closed', new Error('Connection is closed.')],
    ['pg connection refused', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['pg server shut down (admin shutdown)', new QueryFailedError('SELECT 1', [], driverError('terminating connection due to administrator command', '57P01'))],
    ['pg server starting up', driverError('the database system is starting up', '57P03')],
    ['pg client broken', new Error('Client has encountered a connection error and is not queryable')],
    ['pg connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg-pool connect timeout, wrapped', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout') })],
    ['a wrapped ECONNREFUSED', new Error('login failed', { cause: driverError('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED') })],
  ];

  it.each(cases)('%s', (_label, error) => {
    expect(isDependencyDown(error)).toBe(true);
    expect(toProblem(error)).toEqual({ problem: expect.objectContaining({ status: 503, type: 'service-unavailable' }), unexpected: false });
  });

  it('an ordinary bug stays a 500 and a cyclic cause chain does not loop', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const cyclic: Error & { cause?: unknown } = new Error('odd');
    cyclic.cause = cyclic;
    expect(toProblem(bug)).toEqual({ problem: expect.objectContaining({ status: 500 }), unexpected: true });
    expect(isDependencyDown(cyclic)).toBe(false);
  });
});

describe('a statement that ran out of time', () => {
  it('answers 503 (try again, or narrow the request) and is still logged as unexpected', () => {
    const timeout = new QueryFailedError('SELECT 1', [], Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }));
    expect(toProblem(timeout)).toEqual({ problem: expect.objectContaining({ status: 503, title: 'Took too long' }), unexpected: true });
  });
});

describe('date arithmetic outside the calendar', () => {
  it('answers 422 with what to check, for working days past the holiday data and for years past 9999', () => {
    for (const attempt of [() => addWorkingDays('2051-01-10', -1), () => addDays('9999-12-31', 14), () => workingDaysBetween('1969-12-01', '2026-04-01')]) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OutsideCalendarError);
      expect(toProblem(thrown)).toEqual({ problem: expect.objectContaining({ status: 422, type: 'business-rule-violated', detail: expect.stringContaining('1970〜2050年') }), unexpected: false });
    }
  });
});

import { Role } from '../../src/common/auth/roles';
import { TestApp } from '../harness/test-app';
import { fuzzApi } from './openapi-fuzz';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: bodies,
 * query strings and path parameters, plausible and hostile. The fast run is
 * part of `npm test`; `npm run fuzz` runs 100k requests.
 */
describe('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await TestApp.start();
    const logins: Record<Role, string> = { consultant: 'consultant1', supervisor: 'supervisor1', liaison: 'liaison', auditor: 'auditor', admin: 'admin' };
    for (const [role, login] of Object.entries(logins)) tokens[role] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never answers 500, a stack trace or SQL', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 1500);
    const { requests, findings } = await fuzzApi(t, tokens, runs, process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined);
    expect(requests).toBe(runs);
    expect(findings.slice(0, 10)).toEqual([]);
  }, 600_000);
});

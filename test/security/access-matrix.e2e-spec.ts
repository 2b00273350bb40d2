import { Role } from '../../src/common/auth/roles';
import { TestApp } from '../harness/test-app';
import { concreteUrl, routeTable } from './route-table';

/**
 * Generated from the application's own route table, so every new route is
 * covered the day it is added:
 * - every route except the listed public ones refuses a request without a token (401);
 * - every route refuses every role it does not declare (403), before reading the body;
 * - every role a route declares gets past the role check (never 401/403 for a
 *   nonexistent id; scope answers 404 for ids that exist nowhere) and never a 500.
 * Record-level outcomes (own office / other office / restricted) are covered
 * per feature in the feature suites, and for every route in record-matrix.e2e-spec.ts.
 */
const PUBLIC_ROUTES = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/refresh', 'GET /health/live', 'GET /health/ready']);

const ROLE_LOGINS: Record<Role, string> = {
  [Role.Consultant]: 'consultant1',
  [Role.Supervisor]: 'supervisor1',
  [Role.Liaison]: 'liaison',
  [Role.Auditor]: 'auditor',
  [Role.Admin]: 'admin',
};

// About a thousand requests (every route × every role): generous on a shared machine.
jest.setTimeout(300_000);

describe('access matrix: every route × every role', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await TestApp.start();
    for (const role of Object.values(Role)) tokens[role] = await t.login(ROLE_LOGINS[role]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('only the listed routes are public, and each of them is', () => {
    const declaredPublic = routeTable(t.app).filter((r) => r.isPublic).map((r) => `${r.method} ${r.url}`);
    expect(new Set(declaredPublic)).toEqual(PUBLIC_ROUTES);
  });

  it('every non-public route answers 401 without a token', async () => {
    for (const route of routeTable(t.app).filter((r) => !r.isPublic)) {
      const res = await t.request(route.method, concreteUrl(route.url), { body: route.method === 'GET' ? undefined : {} });
      expect({ route: `${route.method} ${route.url}`, status: res.status }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
    }
  });

  it('every route answers 403 to the roles it does not allow and lets the others through', async () => {
    const failures: string[] = [];
    for (const route of routeTable(t.app).filter((r) => !r.isPublic)) {
      for (const role of Object.values(Role)) {
        const allowed = route.roles === 'any' || (Array.isArray(route.roles) && route.roles.includes(role));
        // Logout ends the session it is called with; it is exercised in the auth suite.
        if (allowed && route.url === '/api/v1/auth/logout') continue;
        const res = await t.request(route.method, concreteUrl(route.url), { token: tokens[role], body: route.method === 'GET' ? undefined : {} });
        const label = `${route.method} ${route.url} as ${role}: ${res.status}`;
        if (!allowed && res.status !== 403) failures.push(`${label} (expected 403)`);
        if (allowed && (res.status === 401 || res.status === 403 || res.status >= 500)) failures.push(`${label} (expected to pass the role check)`);
      }
    }
    expect(failures).toEqual([]);
  });
});

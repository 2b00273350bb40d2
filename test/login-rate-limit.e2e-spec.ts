import { TestApp } from './harness/test-app';

describe('login rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Requests injected in process come from 127.0.0.1: the test's load balancer.
    t = await TestApp.start({ config: { loginRateLimitPerMinute: 3, refreshRateLimitPerMinute: 100, trustProxy: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 problem+json with Retry-After once the address has used its attempts', async () => {
    const attempt = () => t.post('/api/v1/auth/login', { body: { loginId: 'x-user', password: 'whatever-123' } });
    // Up to two windows' worth: a minute boundary may fall inside the loop.
    const responses = [];
    for (let i = 0; i < 8; i += 1) responses.push(await attempt());
    const refused = responses.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    if (!refused) return;
    expect(responses.slice(0, 3).every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(refused.body.code).toBe('rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("behind the trusted proxy, a client's own X-Forwarded-For entries neither escape the limit nor reach the audit log", async () => {
    // The proxy appends the address it saw (203.0.113.7); what the client wrote before it changes on every attempt.
    const attempt = (i: number) =>
      t.post('/api/v1/auth/login', { body: { loginId: 'x-user-2', password: 'whatever-123' }, headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` } });
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await attempt(i)).status);
    expect(statuses).toContain(429);
    const logged: Array<{ client_ip: string }> = await t.dataSource.query(`SELECT DISTINCT client_ip FROM audit_events WHERE actor_login_id = 'x-user-2'`);
    expect(logged.map((r) => r.client_ip)).toEqual(['203.0.113.7']);
  });

  it('counts an IPv6 client by its /64: interface ids chosen at will do not escape the limit', async () => {
    const from = (ip: string) => t.post('/api/v1/auth/login', { body: { loginId: 'x-user-4', password: 'whatever-123' }, headers: { 'x-forwarded-for': ip } });
    const statuses = [];
    for (let i = 1; i <= 8; i += 1) statuses.push((await from(`2001:db8:5:6::${i.toString(16)}:${i}`)).status);
    expect(statuses).toContain(429);
    // Another network is another count (a fresh login id: a minute boundary may have let five guesses at x-user-4 through, which locks it).
    const other = await t.post('/api/v1/auth/login', { body: { loginId: 'x-user-5', password: 'whatever-123' }, headers: { 'x-forwarded-for': '2001:db8:5:7::1' } });
    expect(other.status).toBe(401);
  });

  it('token refreshes count apart from sign-ins: a spent sign-in limit does not refuse them', async () => {
    const spent = { 'x-forwarded-for': '203.0.113.8' };
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await t.post('/api/v1/auth/login', { body: { loginId: 'x-user-3', password: 'whatever-123' }, headers: spent })).status);
    expect(statuses).toContain(429);
    const refresh = await t.post('/api/v1/auth/refresh', { body: { refreshToken: 'not-a-token' }, headers: spent });
    expect(refresh.status).toBe(401);
  });
});

import { TestApp } from './harness/test-app';

describe('login rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { loginRateLimitPerMinute: 3 } });
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
});

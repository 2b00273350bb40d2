import { TestApp } from './harness/test-app';

describe('platform: health, docs, errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness without a token', async () => {
    expect((await t.get('/health/live')).status).toBe(200);
    const ready = await t.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('serves the OpenAPI document with roles per operation', async () => {
    const doc = await t.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/v1/users'].post['x-roles']).toEqual(['admin']);
    expect(doc.body.paths['/api/v1/auth/login'].post['x-public']).toBe(true);
    const ui = await t.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('refuses every non-public route without a token, as problem+json', async () => {
    const res = await t.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(res.body.requestId).toEqual(res.headers['x-request-id']);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps a well-formed caller request id', async () => {
    const res = await t.get('/health/live', { headers: { 'x-request-id': 'abc12345-trace' } });
    expect(res.headers['x-request-id']).toBe('abc12345-trace');
  });

  describe('bad input', () => {
    it('malformed JSON → 400 malformed-json', async () => {
      const res = await t.post('/api/v1/auth/login', { rawBody: '{"loginId": "x", ', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed-json');
    });

    it('unknown field → 400 with the field named', async () => {
      const res = await t.post('/api/v1/auth/login', { body: { loginId: 'consultant1', password: 'x', admin: true } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'admin', code: 'unknown_field' })]));
    });

    it('wrong type → 400 with per-field errors', async () => {
      const res = await t.post('/api/v1/auth/login', { body: { loginId: 42, password: ['x'] } });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['loginId', 'password']));
    });

    it('huge body → 413', async () => {
      const res = await t.post('/api/v1/auth/login', { rawBody: JSON.stringify({ loginId: 'x', password: 'y'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload-too-large');
    });

    it('wrong content type → 415', async () => {
      const res = await t.post('/api/v1/auth/login', { rawBody: 'loginId=x&password=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('unsupported-media-type');
    });

    it('prototype pollution attempt → 400, never 500', async () => {
      const res = await t.post('/api/v1/auth/login', { rawBody: '{"loginId":"a","password":"b","__proto__":{"x":1}}', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
    });
  });

  it('serves the code-to-label dictionaries to signed-in users', async () => {
    const token = await t.login('consultant1');
    const res = await t.get('/api/v1/dictionaries', { token });
    expect(res.status).toBe(200);
    expect(res.body.role.supervisor).toBe('係長・所長');
    expect(res.body.officeType.health_center).toBe('保健相談所');
  });
});

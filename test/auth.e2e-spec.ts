import { createStaff } from './factories/pregnancy';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';

describe('authentication', () => {
  let t: TestApp;
  // The production default is 250 ms; this suite keeps a shorter floor of its own, and checks it.
  const REFUSAL_FLOOR_MS = 150;
  beforeAll(async () => {
    t = await TestApp.start({ config: { signInRefusalMinMs: REFUSAL_FLOOR_MS } });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (loginId: string, password = DEMO_PASSWORD) => t.post('/api/v1/auth/login', { body: { loginId, password } });
  const auditCount = async (action: string, loginId: string, outcome: string): Promise<number> => {
    const rows: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND actor_login_id = $2 AND outcome = $3`, [action, loginId, outcome]);
    return rows[0].n;
  };

  it('signs in with login id and password and answers the caller profile', async () => {
    const res = await login('consultant1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.get('/api/v1/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ loginId: 'consultant1', roles: ['consultant'], active: true });
    expect(me.body).not.toHaveProperty('passwordHash');
    expect(await auditCount('auth.login', 'consultant1', 'success')).toBeGreaterThanOrEqual(1);
  });

  it('login ids are case-insensitive', async () => {
    expect((await login('Consultant1')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown login id alike, and audits both', async () => {
    const wrong = await login('supervisor2', 'not-the-password');
    const unknown = await login('nobody-here', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid-credentials');
    expect(unknown.body).toMatchObject({ code: 'invalid-credentials', detail: wrong.body.detail });
    expect(await auditCount('auth.login', 'supervisor2', 'failure')).toBe(1);
    expect(await auditCount('auth.login', 'nobody-here', 'failure')).toBe(1);
  });

  it('locks the account after five failures in 15 minutes, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login('consultant2', 'wrong-password-x')).status).toBe(401);
    expect((await login('consultant2')).status).toBe(200); // the count resets on success
    for (let i = 0; i < 5; i += 1) await login('consultant2', 'wrong-password-x');
    const locked = await login('consultant2');
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('account-locked');

    // Let the lock expire (as if 15 minutes had passed).
    await t.dataSource.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE login_id = 'consultant2'`);
    expect((await login('consultant2')).status).toBe(200);
  });

  it('guesses sent in parallel get no more password checks than the lock allows', async () => {
    await createStaff(t.dataSource, 'guessed-in-parallel', 'CFS-NERIMA', ['consultant']);
    // All sent at once: each reads the account unlocked before any has failed, unless the check is taken first.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login('guessed-in-parallel', `parallel-guess-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(7);
    // Locked now, for the right password too.
    expect((await login('guessed-in-parallel')).status).toBe(423);
  });

  it('locks a login id that names no account by the same rule, so the answers do not tell which ids exist', async () => {
    await createStaff(t.dataSource, 'known-and-guessed', 'CFS-NERIMA', ['consultant']);
    const unknown = `nobody-${Date.now()}`;
    const answersTo = async (loginId: string) => {
      const answers = [];
      for (let i = 0; i < 6; i += 1) answers.push(await login(loginId, `guess-${i}`));
      return answers.map((a) => ({ status: a.status, code: a.body.code, detail: a.body.detail }));
    };
    const known = await answersTo('known-and-guessed');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 423]);
    expect(await answersTo(unknown)).toEqual(known);
    // Case-insensitive, as the account look-up is; audited for what it is.
    expect((await login(unknown.toUpperCase(), 'guess-7')).status).toBe(423);
    const reasons: Array<{ reason: string; n: number }> = await t.dataSource.query(
      `SELECT details->>'reason' AS reason, count(*)::int AS n FROM audit_events WHERE action = 'auth.login' AND lower(actor_login_id) = $1 GROUP BY 1 ORDER BY 1`,
      [unknown],
    );
    expect(reasons).toEqual([
      { reason: 'unknown_login_id', n: 5 },
      { reason: 'unknown_login_id_locked', n: 2 },
    ]);

    // Folded as the account look-up folds: where PostgreSQL's lower() makes 'İ' an 'i' (JavaScript's adds a dot), an
    // id locked under one spelling is locked under the other; where it leaves 'İ' alone (the C locale), the two are
    // apart. Either way an account and a made-up id answer alike.
    const [{ folds }] = await t.dataSource.query(`SELECT lower('İ') = 'i' AS folds`);
    const stamp = Date.now();
    await createStaff(t.dataSource, `inoue-${stamp}`, 'CFS-NERIMA', ['consultant']);
    for (const id of [`inoue-${stamp}`, `inoue-made-up-${stamp}`]) {
      for (let i = 0; i < 5; i += 1) expect((await login(`İ${id.slice(1)}`, `guess-${i}`)).status).toBe(401);
      expect((await login(id, 'guess-6')).status).toBe(folds ? 423 : 401);
    }

    // Guesses sent at once get the same number of checks as an account's.
    const parallel = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`${unknown}-parallel`, `parallel-guess-${i}`)));
    expect(parallel.filter((a) => a.status === 401)).toHaveLength(5);
    expect(parallel.filter((a) => a.status === 423)).toHaveLength(7);
  });

  it('answers every refusal no sooner than the floor, however it was reached', async () => {
    await createStaff(t.dataSource, 'timed-refusals', 'CFS-NERIMA', ['consultant']);
    const timed = async (loginId: string, password: string) => {
      const started = performance.now();
      const res = await login(loginId, password);
      return { status: res.status, ms: performance.now() - started };
    };
    const refusals = [await timed(`nobody-timed-${Date.now()}`, 'guess'), await timed('timed-refusals', 'wrong-guess')];
    for (let i = 0; i < 4; i += 1) await login('timed-refusals', `wrong-guess-${i}`);
    refusals.push(await timed('timed-refusals', DEMO_PASSWORD)); // locked: refused without a password check
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 423]);
    for (const refusal of refusals) expect(refusal.ms).toBeGreaterThanOrEqual(REFUSAL_FLOOR_MS - 1);
  });

  it('failures older than the 15-minute window do not count toward the lock', async () => {
    for (let i = 0; i < 4; i += 1) await login('nurse1', 'wrong-password-x');
    await t.dataSource.query(`UPDATE users SET first_failed_login_at = now() - interval '16 minutes' WHERE login_id = 'nurse1'`);
    await login('nurse1', 'wrong-password-x');
    expect((await login('nurse1')).status).toBe(200);
  });

  it('rotates refresh tokens and treats reuse of an old one as theft: the whole family is revoked', async () => {
    const first = (await login('supervisor1')).body;
    const second = await t.post('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.get('/api/v1/me', { token: second.body.accessToken })).status).toBe(200);

    const reuse = await t.post('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    // The newest token of the family no longer works either, nor its access token.
    expect((await t.post('/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await t.get('/api/v1/me', { token: second.body.accessToken })).status).toBe(401);
    expect(await auditCount('auth.refresh_reuse', 'supervisor1', 'denied')).toBe(1);
  });

  it('a session past its end gives no new tokens, though its last refresh token is younger', async () => {
    const pair = (await login('consultant2')).body;
    const tokenId = pair.refreshToken.split('.')[0];
    await t.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = (SELECT session_id FROM refresh_tokens WHERE id = $1)`, [tokenId]);
    expect((await t.post('/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  });

  it('rejects garbage refresh tokens with 401, not 500', async () => {
    for (const refreshToken of ['', 'abc', 'x.y', '00000000-0000-0000-0000-000000000000.zzz', "'; DROP TABLE users; --"]) {
      expect((await t.post('/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
  });

  it('logout ends the session: its access and refresh tokens stop working', async () => {
    const pair = (await login('liaison')).body;
    const out = await t.post('/api/v1/auth/logout', { token: pair.accessToken });
    expect(out.status).toBe(204);
    expect((await t.get('/api/v1/me', { token: pair.accessToken })).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
    expect(await auditCount('auth.logout', 'liaison', 'success')).toBe(1);
  });

  it('a deactivated user is shut out at once, tokens included', async () => {
    const admin = await t.login('admin');
    const victim = (await login('supervisor3')).body;
    const id = await t.userId('supervisor3');
    expect((await t.post(`/api/v1/users/${id}/deactivate`, { token: admin })).status).toBe(200);
    expect((await t.get('/api/v1/me', { token: victim.accessToken })).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { body: { refreshToken: victim.refreshToken } })).status).toBe(401);
    expect((await login('supervisor3')).status).toBe(401);
    expect((await t.post(`/api/v1/users/${id}/activate`, { token: admin })).status).toBe(200);
    expect((await login('supervisor3')).status).toBe(200);
  });

  it('rejects tampered and foreign-signed access tokens', async () => {
    const token = await t.login('consultant1');
    const [header, payload] = token.split('.');
    expect((await t.get('/api/v1/me', { token: `${header}.${payload}.invalidsignature` })).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await t.get('/api/v1/me', { token: none })).status).toBe(401);
  });

  describe('own password', () => {
    it('changes it with the current one, enforcing the policy, and ends other sessions', async () => {
      const other = (await login('supervisor2')).body;
      const current = (await login('supervisor2')).body;
      const weak = await t.post('/api/v1/me/password', { token: current.accessToken, body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', code: 'password_too_short' });
      const wrongCurrent = await t.post('/api/v1/me/password', { token: current.accessToken, body: { currentPassword: 'nope-nope-nope', newPassword: 'a-much-better-passphrase' } });
      expect(wrongCurrent.status).toBe(400);
      const ok = await t.post('/api/v1/me/password', { token: current.accessToken, body: { currentPassword: DEMO_PASSWORD, newPassword: 'a-much-better-passphrase' } });
      expect(ok.status).toBe(204);
      expect((await t.get('/api/v1/me', { token: current.accessToken })).status).toBe(200);
      expect((await t.get('/api/v1/me', { token: other.accessToken })).status).toBe(401);
      expect((await login('supervisor2', 'a-much-better-passphrase')).status).toBe(200);
    });

    it('counts wrong current passwords towards the lock, as sign-ins do: a stolen session cannot guess without limit', async () => {
      await createStaff(t.dataSource, 'guessed-at', 'CFS-NERIMA', ['consultant']);
      const session = (await login('guessed-at')).body;
      const change = (currentPassword: string) => t.post('/api/v1/me/password', { token: session.accessToken, body: { currentPassword, newPassword: 'taken-over-passphrase-1' } });
      for (let i = 0; i < 4; i += 1) expect((await change(`guess-number-${i}`)).status).toBe(400);
      expect((await change('guess-number-4')).status).toBe(423);
      // Locked: even the right password is not checked, and signing in waits too.
      expect((await change(DEMO_PASSWORD)).status).toBe(423);
      expect((await login('guessed-at')).status).toBe(423);
      // Each guess is audited as the failure it was; none as a password changed.
      expect(await auditCount('user.change_own_password', 'guessed-at', 'success')).toBe(0);
      expect(await auditCount('user.change_own_password', 'guessed-at', 'failure')).toBeGreaterThanOrEqual(5);
    });

    it('guesses at the current password sent in parallel get no more checks than the lock allows', async () => {
      await createStaff(t.dataSource, 'guessed-at-once', 'CFS-NERIMA', ['consultant']);
      const session = (await login('guessed-at-once')).body;
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.post('/api/v1/me/password', { token: session.accessToken, body: { currentPassword: `parallel-guess-${i}`, newPassword: 'taken-over-passphrase-2' } }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      // Five checked (four answered as wrong, the fifth locking), the other seven refused unchecked.
      expect(statuses.filter((s) => s === 400)).toHaveLength(4);
      expect(statuses.filter((s) => s === 423)).toHaveLength(8);
      expect((await login('guessed-at-once')).status).toBe(423);
    });
  });
});

#!/usr/bin/env node
// Make sure PostgreSQL and Redis answer before the app or the tests start.
//
//   node scripts/ensure-services.js [--no-create-db]
//
// 1. Probe both services (DATABASE_URL / REDIS_URL, with local defaults).
// 2. For those that do not answer, start them: via `docker compose` if a
//    Docker engine answers, else from locally installed binaries with their
//    data under .data/ (git-ignored), else explain what to install.
// 3. Create the application database unless --no-create-db is given (the
//    tests create their own databases).
//
// Plain CommonJS on purpose: it runs right after `npm ci`, before anything is
// compiled. Exits 0 only when both services are reachable.
'use strict';

const fs = require('fs');
const net = require('net');
const tls = require('tls');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const PROBE_TIMEOUT_MS = 3000;
const START_WAIT_MS = 60000;

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hagukumi';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

// Thrown for problems the user has to fix; printed without a stack trace.
class SetupError extends Error {}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

function stripBrackets(host) {
  // URL keeps IPv6 literals bracketed ("[::1]"); sockets want them bare.
  return host.replace(/^\[(.*)\]$/, '$1');
}

// Parse without echoing the input: it may contain a password.
function parseUrl(raw, variable) {
  try {
    return new URL(raw);
  } catch {
    throw new SetupError(`${variable} is not a valid URL.`);
  }
}

function parsePostgresUrl(raw) {
  const url = parseUrl(raw, 'DATABASE_URL');
  // libpq-style URLs may point at a socket directory with ?host=/path.
  const host = url.searchParams.get('host') || stripBrackets(url.hostname) || '127.0.0.1';
  return {
    url,
    host,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

function parseRedisUrl(raw) {
  const url = parseUrl(raw, 'REDIS_URL');
  return {
    host: stripBrackets(url.hostname) || '127.0.0.1',
    port: Number(url.port || 6379),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    useTls: url.protocol === 'rediss:',
  };
}

// Only services on this machine can be started by us (Docker publishes on
// 127.0.0.1 too); a remote host that does not answer is the user's problem.
function isLoopback(host) {
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}

function where(service) {
  return service.host.startsWith('/') ? `${service.host} (port ${service.port})` : `${service.host}:${service.port}`;
}

// ---------------------------------------------------------------------------
// Probes. Each resolves to { ok: true } or { ok: false, down, reason }:
// `down` means nothing answered (worth starting a server); otherwise a server
// answered but refused us, which starting another server cannot fix.
// ---------------------------------------------------------------------------

// Connection string for the maintenance database on the same server, keeping
// credentials and query parameters (sslmode, host=...) from DATABASE_URL.
function maintenanceUrl(pg, dbName) {
  const url = new URL(pg.url.href);
  url.pathname = `/${dbName}`;
  return url.href;
}

async function withPgClient(pg, fn) {
  let lastError;
  // "postgres" normally exists; template1 always does.
  for (const dbName of ['postgres', 'template1']) {
    const client = new Client({
      connectionString: maintenanceUrl(pg, dbName),
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    });
    client.on('error', () => {}); // late socket errors must not crash us
    try {
      await client.connect();
    } catch (err) {
      lastError = err;
      if (err.code === '3D000') continue; // database does not exist
      throw err;
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw lastError;
}

async function probePostgres(pg) {
  try {
    await withPgClient(pg, (client) => client.query('SELECT 1'));
    return { ok: true };
  } catch (err) {
    // A five-character SQLSTATE means a PostgreSQL server answered.
    const answered = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code);
    const startingUp = err.code === '57P03'; // cannot_connect_now
    return { ok: false, down: !answered || startingUp, reason: err.message };
  }
}

// RESP encoding, so passwords with spaces or quotes are sent verbatim.
function respCommand(...args) {
  return `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
}

function probeRedis(redis) {
  return new Promise((resolve) => {
    const connect = redis.useTls ? tls.connect : net.connect;
    const socket = connect({ host: redis.host, port: redis.port, servername: redis.host });
    let buffer = '';
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };

    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish({ ok: false, down: true, reason: 'timed out' }));
    socket.on('error', (err) => finish({ ok: false, down: true, reason: err.code || err.message }));
    socket.on(redis.useTls ? 'secureConnect' : 'connect', () => {
      // AUTH and PING are pipelined and only PING's reply is judged: an AUTH
      // error against a server without a password is harmless (ioredis only
      // warns), while a real auth failure makes PING answer -NOAUTH.
      let request = '';
      if (redis.password) {
        request += redis.username
          ? respCommand('AUTH', redis.username, redis.password)
          : respCommand('AUTH', redis.password);
      }
      socket.write(request + respCommand('PING'));
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n');
      const expected = redis.password ? 2 : 1;
      if (lines.length - 1 < expected) return; // reply not complete yet
      const authReply = redis.password ? lines[0] : '';
      const pingReply = lines[expected - 1];
      if (pingReply === '+PONG') finish({ ok: true });
      // Report why AUTH failed (e.g. WRONGPASS) rather than PING's NOAUTH.
      else if (pingReply.startsWith('-NOAUTH') && authReply.startsWith('-')) {
        finish({ ok: false, down: false, reason: authReply.slice(1) });
      }
      // LOADING: the server is reading its data set and will answer soon.
      else if (pingReply.startsWith('-LOADING')) finish({ ok: false, down: true, reason: pingReply.slice(1) });
      else finish({ ok: false, down: false, reason: pingReply.replace(/^-/, '') || 'unexpected reply' });
    });
    socket.on('close', () => finish({ ok: false, down: true, reason: 'connection closed' }));
  });
}

// ---------------------------------------------------------------------------
// Small process helpers
// ---------------------------------------------------------------------------

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000, ...options });
}

function succeeds(cmd, args, options) {
  const result = run(cmd, args, options);
  return !result.error && result.status === 0;
}

function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

// Quote for /bin/sh: everything inside single quotes is literal.
function shQuote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

function commandOutput(result) {
  if (result.error) return result.error.message;
  return `${result.stdout || ''}${result.stderr || ''}`.trim();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------
// Starting services with Docker
// ---------------------------------------------------------------------------

function dockerEngineAnswers() {
  return which('docker') !== null && succeeds('docker', ['info'], { stdio: 'ignore', timeout: 20000 });
}

// Prefer the compose plugin; fall back to the standalone v1/v2 binary.
function composeCommand() {
  if (succeeds('docker', ['compose', 'version'], { stdio: 'ignore' })) return ['docker', 'compose'];
  if (which('docker-compose')) return ['docker-compose'];
  throw new SetupError('A Docker engine answers but neither `docker compose` nor `docker-compose` is installed.');
}

function startWithDocker(services, pg, redis) {
  const [cmd, ...baseArgs] = composeCommand();
  const args = [...baseArgs, '-f', path.join(ROOT, 'docker-compose.yml'), 'up', '-d', ...services];
  console.log(`services: starting ${services.join(', ')} with ${cmd} ${baseArgs.join(' ')}`.trimEnd());
  const result = run(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 600000, // first run may pull images
    // Publish on the ports the URLs point at (see docker-compose.yml).
    env: { ...process.env, HAGUKUMI_PG_PORT: String(pg.port), HAGUKUMI_REDIS_PORT: String(redis.port) },
  });
  if (result.error || result.status !== 0) {
    throw new SetupError(`docker compose up failed (${commandOutput(result) || `exit ${result.status}`}).`);
  }
}

// ---------------------------------------------------------------------------
// Starting services from local binaries (data under .data/)
// ---------------------------------------------------------------------------

// initdb/pg_ctl from PATH, else the newest Debian/Ubuntu install, whose
// binaries are not on PATH by default.
function findPostgresBinaries() {
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (initdb && pgCtl) return { initdb, pgCtl };

  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(base).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    return null;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(base, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) {
      return { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl') };
    }
  }
  return null;
}

function findRedisServer() {
  return which('redis-server');
}

// PostgreSQL refuses to run as root. As root we run it as the `postgres` OS
// user instead (created by the distribution packages) and hand it .data.
function postgresRunner() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return (cmd, args, options) => run(cmd, args, options);
  }
  const uid = run('id', ['-u', 'postgres']);
  if (uid.status !== 0) {
    throw new SetupError(
      'PostgreSQL refuses to run as root and there is no `postgres` OS user. ' +
        'Run as a normal user, or create one (useradd --system postgres).',
    );
  }
  const id = Number(uid.stdout.trim());
  const gid = Number(run('id', ['-g', 'postgres']).stdout.trim());
  for (const dir of [DATA_DIR, path.join(DATA_DIR, 'postgres')]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.chownSync(dir, id, gid);
  }
  const runAsPg = which('runuser')
    ? (cmd, args, options) => run('runuser', ['-u', 'postgres', '--', cmd, ...args], options)
    : (cmd, args, options) =>
        run('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(shQuote).join(' ')], options);

  // A checkout under e.g. /root is not reachable for that user; say so
  // plainly instead of surfacing initdb's permission error.
  if (runAsPg('test', ['-w', DATA_DIR], { cwd: '/' }).status !== 0) {
    throw new SetupError(
      `The postgres OS user cannot write ${DATA_DIR} (a parent folder is probably not readable by it). ` +
        'Move the checkout, run as a normal user, or use Docker.',
    );
  }
  return runAsPg;
}

function initPostgresCluster(bins, pg, runAsPg, pgData) {
  if (fs.existsSync(path.join(pgData, 'PG_VERSION'))) return; // already initialised
  console.log(`postgres: initialising ${path.relative(ROOT, pgData)} (superuser ${pg.user}, trust auth)`);
  // C.UTF-8 gives byte-order collation and UTF-8 everywhere; plain C is the
  // fallback for systems (e.g. macOS) that do not ship that locale.
  let result;
  for (const locale of ['C.UTF-8', 'C']) {
    result = runAsPg(bins.initdb, ['-D', pgData, '-U', pg.user, '--auth=trust', '-E', 'UTF8', `--locale=${locale}`], {
      cwd: DATA_DIR,
    });
    if (!result.error && result.status === 0) return;
    if (!/locale/i.test(commandOutput(result))) break;
  }
  throw new SetupError(`initdb failed:\n${commandOutput(result)}`);
}

function startLocalPostgres(bins, pg) {
  const pgData = path.join(DATA_DIR, 'postgres');
  fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
  const runAsPg = postgresRunner();
  initPostgresCluster(bins, pg, runAsPg, pgData);

  // Unix socket paths are limited to ~107 bytes; for deep checkouts skip the
  // socket (we connect over TCP anyway) rather than fail to start.
  const socketPath = path.join(DATA_DIR, `.s.PGSQL.${pg.port}`);
  const socketDir = socketPath.length < 100 ? DATA_DIR : '';
  const listen = pg.host === '::1' ? '::1' : '127.0.0.1';
  // pg_ctl hands -o to /bin/sh, hence the quoting.
  const serverOptions = `-p ${pg.port} -k ${shQuote(socketDir)} -c listen_addresses=${listen}`;
  const logFile = path.join(DATA_DIR, 'postgres.log');

  console.log(`postgres: starting ${path.basename(bins.pgCtl)} with data in ${path.relative(ROOT, pgData)}`);
  const result = runAsPg(bins.pgCtl, ['-D', pgData, '-l', logFile, '-o', serverOptions, 'start', '-w'], {
    cwd: DATA_DIR,
  });
  if (result.error || result.status !== 0) {
    throw new SetupError(`pg_ctl start failed:\n${commandOutput(result)}\n(see ${logFile})`);
  }
}

function startLocalRedis(redisServer, redis) {
  const redisData = path.join(DATA_DIR, 'redis');
  fs.mkdirSync(redisData, { recursive: true });
  console.log(`redis: starting ${redisServer} with data in ${path.relative(ROOT, redisData)}`);
  const result = run(redisServer, [
    '--port', String(redis.port),
    '--bind', redis.host === '::1' ? '::1' : '127.0.0.1',
    '--dir', redisData,
    // Same settings as docker-compose.yml: BullMQ must never lose keys.
    '--appendonly', 'yes',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'yes',
    '--logfile', path.join(DATA_DIR, 'redis.log'),
    // Without this a daemonised Redis tries to write /var/run/redis_<port>.pid.
    '--pidfile', path.join(DATA_DIR, 'redis.pid'),
  ]);
  if (result.error || result.status !== 0) {
    throw new SetupError(`redis-server failed to start:\n${commandOutput(result)}`);
  }
}

function startLocally(missing, pg, redis) {
  const pgBins = missing.includes('postgres') ? findPostgresBinaries() : null;
  const redisServer = missing.includes('redis') ? findRedisServer() : null;

  // Check every missing service first, so one message lists everything to install.
  const toInstall = [];
  if (missing.includes('postgres') && !pgBins) {
    toInstall.push('PostgreSQL 15+ server (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15) or Docker');
  }
  if (missing.includes('redis') && !redisServer) {
    toInstall.push('Redis 7 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or Docker');
  }
  if (toInstall.length > 0) {
    throw new SetupError(`No Docker engine answers and these are not installed:\n  - ${toInstall.join('\n  - ')}`);
  }

  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (pgBins) startLocalPostgres(pgBins, pg);
  if (redisServer) startLocalRedis(redisServer, redis);
}

// ---------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------

async function probeAll(pg, redis) {
  const [postgres, redisResult] = await Promise.all([probePostgres(pg), probeRedis(redis)]);
  return { postgres, redis: redisResult };
}

// A server answered but turned us away (wrong password, missing role, ...):
// starting another one would not help and might clash on the port.
function assertNoRefusals(results, pg, redis) {
  const refusals = [];
  if (!results.postgres.ok && !results.postgres.down) {
    refusals.push(`postgres at ${where(pg)} answered but refused the connection: ${results.postgres.reason}`);
  }
  if (!results.redis.ok && !results.redis.down) {
    refusals.push(`redis at ${where(redis)} answered but refused the request: ${results.redis.reason}`);
  }
  if (refusals.length > 0) {
    throw new SetupError(`${refusals.join('\n')}\nCheck DATABASE_URL / REDIS_URL.`);
  }
}

async function waitUntilReachable(pg, redis) {
  const deadline = Date.now() + START_WAIT_MS;
  for (;;) {
    const results = await probeAll(pg, redis);
    if (results.postgres.ok && results.redis.ok) return;
    if (Date.now() > deadline) {
      const failing = [];
      if (!results.postgres.ok) failing.push(`postgres at ${where(pg)}: ${results.postgres.reason}`);
      if (!results.redis.ok) failing.push(`redis at ${where(redis)}: ${results.redis.reason}`);
      throw new SetupError(`Still not reachable after ${START_WAIT_MS / 1000} s:\n  ${failing.join('\n  ')}`);
    }
    await sleep(1000);
  }
}

async function ensureRunning(pg, redis) {
  const results = await probeAll(pg, redis);
  assertNoRefusals(results, pg, redis);

  const missing = [];
  if (!results.postgres.ok) missing.push('postgres');
  if (!results.redis.ok) missing.push('redis');
  if (missing.length === 0) return;

  for (const name of missing) {
    const service = name === 'postgres' ? pg : redis;
    const reason = results[name].reason;
    console.log(`${name}: not reachable at ${where(service)} (${reason})`);
    if (!isLoopback(service.host)) {
      throw new SetupError(`${name} at ${where(service)} is not on this machine, so it cannot be started from here.`);
    }
  }

  if (dockerEngineAnswers()) {
    startWithDocker(missing, pg, redis);
  } else {
    startLocally(missing, pg, redis);
  }
  await waitUntilReachable(pg, redis);
}

async function ensureDatabase(pg) {
  if (!/^[A-Za-z0-9_]+$/.test(pg.database)) {
    throw new SetupError(
      `DATABASE_URL names database "${pg.database}"; only letters, digits and _ are allowed ` +
        '(or pass --no-create-db and create it yourself).',
    );
  }
  await withPgClient(pg, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [pg.database]);
    if (existing.rowCount > 0) return;
    try {
      // Identifiers cannot be bound as parameters; the name was validated above.
      await client.query(`CREATE DATABASE "${pg.database}"`);
      console.log(`postgres: created database ${pg.database}`);
    } catch (err) {
      if (err.code !== '42P04') throw err; // created concurrently: fine
    }
  });
}

async function main() {
  const createDb = !process.argv.includes('--no-create-db');
  const pg = parsePostgresUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const redis = parseRedisUrl(process.env.REDIS_URL || DEFAULT_REDIS_URL);

  await ensureRunning(pg, redis);

  if (createDb) await ensureDatabase(pg);
  const dbNote = createDb ? ` (database ${pg.database} ready)` : '';
  console.log(`postgres: reachable at ${where(pg)}${dbNote}`);
  console.log(`redis: reachable at ${where(redis)}`);
}

main().catch((err) => {
  // Messages never include the URLs themselves, so no password is printed.
  console.error(`ensure-services: ${err instanceof SetupError ? err.message : err.stack || err}`);
  process.exit(1);
});

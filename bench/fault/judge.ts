import { DeliveryCount } from './reminder-batch';
import { ProbeSample, Sample, tally, WriteRecord } from './traffic';

export interface FaultWindow {
  fault: 'redis-crash' | 'redis-flushall' | 'worker-sigkill' | 'postgres-crash' | 'api-sigkill';
  /** The dependency that was unreachable, or null when nothing the API needs was down. */
  dependency: 'redis' | 'postgres' | null;
  downAt: number;
  /** When the restart began: until then the dependency was certainly down. */
  restartAt: number;
  /** When it answered again. */
  upAt: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Verdict {
  checks: Check[];
  figures: Record<string, unknown>;
  summary: string;
}

/** What the writes left in the database, read once everything has settled. */
export interface WriteAuditCount {
  /** Writes answered 201. */
  confirmed: number;
  missingRow: number;
  missingAudit: number;
  /** Writes that committed though their client saw a failure (the answer was lost), and those of them without an audit event. */
  committedUnconfirmed: number;
  unconfirmedWithoutAudit: number;
  /** Audit events the worker made from rows an API process staged and never appended. */
  recoveredFromOutbox: number;
  /** Writes (confirmed or not) with more than one success event. */
  loggedTwice: number;
  /** Rows still staged in audit_outbox at the end. */
  stagedLeft: number;
}

export interface Evidence {
  windows: FaultWindow[];
  monitor: ProbeSample[];
  writes: WriteRecord[];
  deliveries: DeliveryCount[];
  mailRows: { rows: number; sent: number; pending: number; failed: number; notificationIds: string[] };
  mailReceived: Map<string, number>;
  mailUnreadable: number;
  writeAudit: WriteAuditCount;
  minimumReminders: number;
  /** Lines of the API processes' logs in which UnstagedWriteGuard saw a write outside a transaction. */
  unstagedWriteWarnings: string[];
  /** Time zero of the run, for the anomaly list. */
  startedAt: number;
}

/** Time for a request sent just before the outage to fail over, not counted as "during". */
const SETTLE_MS = 1_000;
const MAX_RECOVERY_SECONDS = 30;

/** Turns what the bench saw into pass/fail checks and the figures of the report. */
export function judge(e: Evidence): Verdict {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const bulk = e.deliveries.reduce((n, d) => n + d.reminders, 0);
  check('at least the minimum number of reminders came due', bulk >= e.minimumReminders, `${bulk} reminders (minimum ${e.minimumReminders})`);
  for (const d of e.deliveries) {
    check(`${d.rule}: every reminder delivered exactly once`, d.lost === 0 && d.duplicated === 0, `${d.delivered}/${d.reminders} delivered, ${d.lost} lost, ${d.duplicated} duplicated`);
    check(`${d.rule}: no partial rows`, d.partial === 0, `${d.partial} reminders whose state and inbox entries disagree`);
  }
  check('confirmed writes: row and audit event present', e.writeAudit.missingRow === 0 && e.writeAudit.missingAudit === 0, `${e.writeAudit.confirmed} confirmed, ${e.writeAudit.missingRow} without their row, ${e.writeAudit.missingAudit} without their audit event`);
  check(
    'no write escaped the audit outbox (a statement writing outside a transaction)',
    e.unstagedWriteWarnings.length === 0,
    e.unstagedWriteWarnings.length ? e.unstagedWriteWarnings.slice(0, 3).join(' | ') : "UnstagedWriteGuard silent in every API process's log",
  );
  check(
    'writes committed without an answer: each with its audit event, nothing left staged',
    e.writeAudit.unconfirmedWithoutAudit === 0 && e.writeAudit.stagedLeft === 0,
    `${e.writeAudit.committedUnconfirmed} committed though the client saw a failure, ${e.writeAudit.unconfirmedWithoutAudit} of them without an audit event; ${e.writeAudit.recoveredFromOutbox} events recovered from the outbox by the worker, ${e.writeAudit.stagedLeft} rows left staged`,
  );

  check('every write logged once', e.writeAudit.loggedTwice === 0, `${e.writeAudit.loggedTwice} writes with more than one success event`);

  const all: Array<Sample & { what: string }> = [...e.monitor.map((s) => ({ ...s, what: s.probe })), ...e.writes.map((w) => ({ ...w, what: 'write' }))];
  // Readiness answers its own JSON ({ status, checks }) with its 503, for load balancers; it is judged per fault below.
  const unmapped = all.filter((s) => s.what !== 'ready' && s.status >= 500 && (s.status !== 503 || !s.contentType.startsWith('application/problem+json')));
  check('every 5xx of the API routes is a 503 problem+json (no 500, no leak)', unmapped.length === 0, unmapped.length ? unmapped.slice(0, 5).map((s) => `${s.what} ${s.status} ${s.note ?? ''}`).join(' | ') : `${all.filter((s) => s.status === 503).length} × 503, 0 other 5xx`);
  // While the API process itself is killed, nothing answers: those requests are judged by what they left (the audit checks above).
  const apiDown = e.windows.filter((w) => w.fault === 'api-sigkill');
  const whileApiDown = (s: Sample) => apiDown.some((w) => s.at + s.ms >= w.downAt && s.at <= w.upAt);
  const network = all.filter((s) => s.status === 0 && !whileApiDown(s));
  check('the API always answered while its process ran (no connection failure, nothing unanswered for 30 s)', network.length === 0, network.length ? `${network.length}: ${network[0].note}` : 'every request answered');
  const anomalies = [...unmapped, ...network]
    .sort((a, b) => a.at - b.at)
    .slice(0, 20)
    .map((s) => ({ what: s.what, atSecond: Math.round((s.at - e.startedAt) / 100) / 10, status: s.status, ms: s.ms, note: s.note }));
  const slowest = (what: string) => all.filter((s) => s.what === what && s.status !== 0).reduce((m, s) => Math.max(m, s.ms), 0);

  const windows = e.windows.map((w, i) => {
    const nextDown = e.windows[i + 1]?.downAt ?? Infinity;
    const during = (probe: ProbeSample['probe']) => e.monitor.filter((s) => s.probe === probe && s.at >= w.downAt + SETTLE_MS && s.at + s.ms <= w.restartAt);
    // Answered before the next fault began: a probe in flight when the next fault struck is that fault's.
    const after = e.monitor.filter((s) => (s.probe === 'ready' || s.probe === 'read') && s.at >= w.upAt && s.at + s.ms < nextDown);
    const lastBad = after.filter((s) => s.status !== 200).reduce((t, s) => Math.max(t, s.at + s.ms), w.upAt);
    const recoverySeconds = (lastBad - w.upAt) / 1000;
    const summary = {
      fault: w.fault,
      downSeconds: (w.upAt - w.downAt) / 1000,
      duringOutage: { ready: tally(during('ready')), read: tally(during('read')), login: tally(during('login')) },
      recoverySeconds,
    };
    if (w.dependency) {
      const ready = during('ready');
      const dependencyDown = ready.filter((s) => s.status === 503 && s.checks?.[w.dependency as string] === 'down');
      check(`${w.fault}: readiness answered 503 naming ${w.dependency} down`, ready.length > 0 && dependencyDown.length === ready.length, `${dependencyDown.length}/${ready.length} readiness probes`);
      const route = w.dependency === 'postgres' ? during('read') : during('login');
      const label = w.dependency === 'postgres' ? 'GET /api/v1/me' : 'POST /api/v1/auth/login';
      const served503 = route.filter((s) => s.status === 503 && s.contentType.startsWith('application/problem+json'));
      check(`${w.fault}: ${label} answered 503 problem+json`, route.length > 0 && served503.length === route.length, `${served503.length}/${route.length} requests: ${JSON.stringify(tally(route))}`);
      check(`${w.fault}: recovered by itself within ${MAX_RECOVERY_SECONDS} s`, recoverySeconds <= MAX_RECOVERY_SECONDS, `readiness and reads all 200 again ${recoverySeconds.toFixed(1)} s after the dependency came back`);
    } else {
      const bad = after.filter((s) => s.status !== 200);
      check(`${w.fault}: the API kept answering 200`, bad.length === 0, `${bad.length} non-200 readiness/read answers after the fault`);
    }
    return summary;
  });

  const sentIds = e.mailRows.notificationIds;
  const mailsLost = sentIds.filter((id) => !e.mailReceived.has(id)).length;
  const mailsDuplicated = [...e.mailReceived.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
  check('e-mails: every delivery row sent, none lost', e.mailRows.pending === 0 && e.mailRows.failed === 0 && mailsLost === 0 && e.mailUnreadable === 0, `${e.mailRows.sent}/${e.mailRows.rows} sent, ${e.mailRows.pending} pending, ${e.mailRows.failed} failed, ${mailsLost} sent but not received, ${e.mailUnreadable} unreadable`);

  const figures = {
    reminders: e.deliveries,
    writes: { total: e.writes.length, byStatus: tally(e.writes), ...e.writeAudit },
    probes: { ready: tally(e.monitor.filter((s) => s.probe === 'ready')), read: tally(e.monitor.filter((s) => s.probe === 'read')), login: tally(e.monitor.filter((s) => s.probe === 'login')) },
    faults: windows,
    slowestMs: { ready: slowest('ready'), read: slowest('read'), login: slowest('login'), write: slowest('write') },
    anomalies,
    // SMTP has no idempotency: a worker killed between the send and its bookkeeping sends that e-mail again (at least once, by design).
    mail: { rows: e.mailRows.rows, sent: e.mailRows.sent, received: [...e.mailReceived.values()].reduce((a, b) => a + b, 0), lost: mailsLost, duplicated: mailsDuplicated },
  };

  const lines = [
    'Fault injection',
    ...windows.map((w) => `  ${w.fault.padEnd(15)} down ${w.downSeconds.toFixed(1).padStart(5)} s  recovered ${w.recoverySeconds.toFixed(1).padStart(5)} s after  during: ready ${JSON.stringify(w.duringOutage.ready)} read ${JSON.stringify(w.duringOutage.read)} login ${JSON.stringify(w.duringOutage.login)}`),
    ...e.deliveries.map((d) => `  ${d.rule.padEnd(12)} ${d.reminders} reminders: ${d.delivered} delivered, ${d.lost} lost, ${d.duplicated} duplicated, ${d.partial} partial`),
    `  writes       ${e.writes.length} ${JSON.stringify(tally(e.writes))}; ${e.writeAudit.committedUnconfirmed} committed though the client saw a failure (${e.writeAudit.unconfirmedWithoutAudit} of them without an audit event); ${e.writeAudit.recoveredFromOutbox} audit events recovered from the outbox, ${e.writeAudit.loggedTwice} writes logged twice`,
    `  slowest      ${JSON.stringify(figures.slowestMs)} ms`,
    ...anomalies.map((a) => `  anomaly      +${a.atSecond}s ${a.what} ${a.status} after ${a.ms} ms ${a.note ?? ''}`),
    `  e-mails      ${figures.mail.sent} sent, ${figures.mail.received} received, ${mailsLost} lost, ${mailsDuplicated} duplicated`,
    '',
    ...checks.map((c) => `  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
  ];
  return { checks, figures, summary: lines.join('\n') };
}

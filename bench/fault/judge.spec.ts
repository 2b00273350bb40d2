import { Evidence, FaultWindow, judge } from './judge';
import { ProbeSample } from './traffic';

const postgresCrash: FaultWindow = { fault: 'postgres-crash', dependency: 'postgres', downAt: 10_000, restartAt: 15_000, upAt: 18_000 };
const apiKill: FaultWindow = { fault: 'api-sigkill', dependency: null, downAt: 30_000, restartAt: 31_000, upAt: 33_000 };

const probe = (probe: ProbeSample['probe'], at: number, status: number, ms = 5): ProbeSample => ({
  probe,
  at,
  status,
  ms,
  contentType: status === 503 ? 'application/problem+json' : 'application/json',
  ...(probe === 'ready' && status === 503 ? { checks: { postgres: 'down' } } : {}),
});

function evidence(monitor: ProbeSample[]): Evidence {
  return {
    windows: [postgresCrash, apiKill],
    monitor,
    writes: [],
    deliveries: [],
    mailRows: { rows: 0, sent: 0, pending: 0, failed: 0, notificationIds: [] },
    mailReceived: new Map(),
    mailUnreadable: 0,
    writeAudit: { confirmed: 0, missingRow: 0, missingAudit: 0, committedUnconfirmed: 0, unconfirmedWithoutAudit: 0, recoveredFromOutbox: 0, loggedTwice: 0, stagedLeft: 0 },
    minimumReminders: 0,
    unstagedWriteWarnings: [],
    startedAt: 0,
  };
}

/** Probes during the outage (503) and after it (200), as the fault run records them. */
const outageAndRecovery = (): ProbeSample[] => [
  probe('ready', 12_000, 503),
  probe('read', 12_000, 503),
  probe('ready', 20_000, 200),
  probe('read', 20_000, 200),
];

const recoveryOf = (monitor: ProbeSample[]) => {
  const { figures } = judge(evidence(monitor));
  return (figures.faults as Array<{ fault: string; recoverySeconds: number }>).find((w) => w.fault === 'postgres-crash')?.recoverySeconds;
};

describe('fault judge: recovery after a dependency came back', () => {
  it('counts a failure answered after the dependency came back', () => {
    expect(recoveryOf([...outageAndRecovery(), probe('read', 22_000, 503, 1_000)])).toBe(5);
  });

  it("leaves to the next fault a probe in flight when it struck (the API killed under the probe's feet)", () => {
    // Sent at 29.9 s, unanswered when the API process was killed at 30 s: not a sign that PostgreSQL's recovery lagged.
    const monitor = [...outageAndRecovery(), probe('read', 29_900, 0, 200)];
    expect(recoveryOf(monitor)).toBe(0);
    const check = judge(evidence(monitor)).checks.find((c) => c.name === 'postgres-crash: recovered by itself within 30 s');
    expect(check?.ok).toBe(true);
  });
});

import { RiskChange, WatchVisitAlert } from './entities/watch-visit.entity';
import { decideVisitAlerts } from './visit-alerts';

describe('decideVisitAlerts', () => {
  const previous = new Map([
    ['a', false],
    ['b', true],
  ]);

  it('flags a child not seen at this visit and the previous one', () => {
    const decision = decideVisitAlerts({ riskChange: RiskChange.Same, children: [{ personId: 'a', seen: false }, { personId: 'b', seen: false }], previous });
    expect(decision).toEqual({ alerts: [WatchVisitAlert.ChildNotSeenTwice], notSeenTwice: ['a'] });
  });

  it('does not flag a first miss, a child seen now, or a child new to the family', () => {
    expect(decideVisitAlerts({ riskChange: RiskChange.Same, children: [{ personId: 'a', seen: true }, { personId: 'b', seen: false }, { personId: 'c', seen: false }], previous }).alerts).toEqual([]);
    expect(decideVisitAlerts({ riskChange: null, children: [{ personId: 'a', seen: false }], previous: new Map() }).alerts).toEqual([]);
  });

  it('flags a risk judged higher, and only higher', () => {
    expect(decideVisitAlerts({ riskChange: RiskChange.Higher, children: [], previous }).alerts).toEqual([WatchVisitAlert.RiskHigher]);
    expect(decideVisitAlerts({ riskChange: RiskChange.Lower, children: [], previous }).alerts).toEqual([]);
  });

  it('reports both at once', () => {
    expect(decideVisitAlerts({ riskChange: RiskChange.Higher, children: [{ personId: 'a', seen: false }], previous }).alerts).toEqual([WatchVisitAlert.ChildNotSeenTwice, WatchVisitAlert.RiskHigher]);
  });
});

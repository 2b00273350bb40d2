import { ChildCondition, RiskChange, VisitNotDoneReason, VisitOutcome } from './entities/watch-visit.entity';
import { checkVisitRecord } from './visit-record.rules';

const codes = (errors: Array<{ field: string; code: string }>) => errors.map((e) => `${e.field}:${e.code}`);

describe('checkVisitRecord', () => {
  const family = ['a', 'b'];

  it('accepts a done visit accounting for every child', () => {
    const errors = checkVisitRecord(
      { outcome: VisitOutcome.Done, riskChange: RiskChange.Same, children: [{ personId: 'a', seen: true, condition: ChildCondition.Good }, { personId: 'b', seen: false }], nextVisitOn: '2026-04-15' },
      family,
      '2026-04-08',
    );
    expect(errors).toEqual([]);
  });

  it('a done visit: every child, condition only when seen, risk judged, no reason', () => {
    const errors = checkVisitRecord(
      {
        outcome: VisitOutcome.Done,
        notDoneReason: VisitNotDoneReason.Refused,
        children: [{ personId: 'a', seen: true }, { personId: 'x', seen: false, condition: ChildCondition.Good }, { personId: 'a', seen: true, condition: ChildCondition.Good }],
      },
      family,
      '2026-04-08',
    );
    expect(codes(errors)).toEqual([
      'notDoneReason:only_when_not_done',
      'riskChange:required_when_done',
      'children[0].condition:required_when_seen',
      'children[1].personId:not_a_child_of_the_case',
      'children[1].condition:only_when_seen',
      'children[2].personId:duplicate_child',
      'children:child_missing',
    ]);
  });

  it('a visit not done: a reason (in words for "other"), no children, next date after the visit', () => {
    expect(codes(checkVisitRecord({ outcome: VisitOutcome.NotDone, children: [{ personId: 'a', seen: false }], nextVisitOn: '2026-04-08' }, family, '2026-04-08'))).toEqual([
      'notDoneReason:required_when_not_done',
      'children:only_when_done',
      'nextVisitOn:not_after_visit',
    ]);
    expect(codes(checkVisitRecord({ outcome: VisitOutcome.NotDone, notDoneReason: VisitNotDoneReason.Other }, family, '2026-04-08'))).toEqual(['notDoneNote:required_for_other']);
    expect(checkVisitRecord({ outcome: VisitOutcome.NotDone, notDoneReason: VisitNotDoneReason.NoOneHome, nextVisitOn: '2026-04-09' }, family, '2026-04-08')).toEqual([]);
  });
});

import { checkRoundReferences, FlagFacts } from './round-record.rules';

describe('checkRoundReferences', () => {
  const flags = new Map<string, FlagFacts>([
    ['a', { id: 'a', facilityId: 'F', startOn: '2026-04-01', endOn: null }],
    ['b', { id: 'b', facilityId: 'G', startOn: '2026-04-01', endOn: null }],
    ['c', { id: 'c', facilityId: 'F', startOn: '2026-04-01', endOn: '2026-05-10' }],
  ]);

  it('accepts children flagged at the facility that day', () => {
    expect(checkRoundReferences({ observations: [{ childOfConcernId: 'a' }, { childOfConcernId: 'c' }], consultations: [{ childOfConcernId: 'a' }, {}], followUps: [{ dueOn: '2026-05-20' }] }, flags, 'F', '2026-05-10')).toEqual([]);
  });

  it('refuses unknown (or out of scope) children, other facilities, ended flags, duplicates and past due dates', () => {
    const errors = checkRoundReferences(
      {
        observations: [{ childOfConcernId: 'x' }, { childOfConcernId: 'b' }, { childOfConcernId: 'c' }, { childOfConcernId: 'a' }, { childOfConcernId: 'a' }],
        consultations: [{ childOfConcernId: 'b' }],
        followUps: [{ childOfConcernId: 'a', dueOn: '2026-05-01' }],
      },
      flags,
      'F',
      '2026-05-11',
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'observations[0].childOfConcernId:unknown_child_of_concern',
      'observations[1].childOfConcernId:flagged_at_another_facility',
      'observations[2].childOfConcernId:not_flagged_on_that_day',
      'observations[4].childOfConcernId:duplicate_child',
      'consultations[0].childOfConcernId:flagged_at_another_facility',
      'followUps[0].dueOn:before_visit',
    ]);
  });
});

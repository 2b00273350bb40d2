import { FieldError } from '../../common/problem/problem';
import { JapanDate } from '../../common/time/japan-time';

export interface FlagFacts {
  id: string;
  facilityId: string;
  startOn: JapanDate;
  endOn: JapanDate | null;
}

export interface RoundReferences {
  observations: ReadonlyArray<{ childOfConcernId: string }>;
  consultations: ReadonlyArray<{ childOfConcernId?: string | null }>;
  followUps: ReadonlyArray<{ childOfConcernId?: string | null; dueOn?: string | null }>;
}

/**
 * Every child a round record names must be flagged at the round's facility
 * on the day of the round, and visible to the recorder (`flags` holds only
 * the flags in the recorder's scope, so an unknown id and one out of scope
 * answer the same); each child is observed once.
 */
export function checkRoundReferences(refs: RoundReferences, flags: ReadonlyMap<string, FlagFacts>, facilityId: string, visitedOn: JapanDate): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: string, id: string | null | undefined) => {
    if (!id) return;
    const flag = flags.get(id);
    if (!flag) errors.push({ field, code: 'unknown_child_of_concern', message: '要配慮児童が見つかりません。' });
    else if (flag.facilityId !== facilityId) errors.push({ field, code: 'flagged_at_another_facility', message: 'この施設の要配慮児童ではありません。' });
    else if (flag.startOn > visitedOn || (flag.endOn !== null && flag.endOn < visitedOn)) {
      errors.push({ field, code: 'not_flagged_on_that_day', message: '訪問日に要配慮児童として登録されていません。' });
    }
  };
  const seen = new Set<string>();
  refs.observations.forEach((o, i) => {
    check(`observations[${i}].childOfConcernId`, o.childOfConcernId);
    if (seen.has(o.childOfConcernId)) errors.push({ field: `observations[${i}].childOfConcernId`, code: 'duplicate_child', message: '同じ児童が重複しています。' });
    seen.add(o.childOfConcernId);
  });
  refs.consultations.forEach((c, i) => check(`consultations[${i}].childOfConcernId`, c.childOfConcernId));
  refs.followUps.forEach((f, i) => {
    check(`followUps[${i}].childOfConcernId`, f.childOfConcernId);
    if (f.dueOn && f.dueOn < visitedOn) errors.push({ field: `followUps[${i}].dueOn`, code: 'before_visit', message: '期限は訪問日以降にしてください。' });
  });
  return errors;
}

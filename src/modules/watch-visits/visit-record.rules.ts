import { FieldError } from '../../common/problem/problem';
import { JapanDate } from '../../common/time/japan-time';
import { ChildCondition, RiskChange, VisitNotDoneReason, VisitOutcome } from './entities/watch-visit.entity';

export interface VisitRecordInput {
  outcome: VisitOutcome;
  notDoneReason?: VisitNotDoneReason;
  notDoneNote?: string | null;
  riskChange?: RiskChange;
  nextVisitOn?: string;
  children?: ReadonlyArray<{ personId: string; seen: boolean; condition?: ChildCondition | null }>;
}

/**
 * The cross-field rules of a visit record:
 * - done: every child of the family is accounted for (seen directly or not),
 *   a seen child has a condition and an unseen one none, and the risk change
 *   is judged; no reason for not doing it;
 * - not done: a reason (and words, when the reason is "other"); nobody was
 *   seen, so no children are listed;
 * - the next visit date is after the visit.
 */
export function checkVisitRecord(input: VisitRecordInput, familyChildIds: readonly string[], visitedOn: JapanDate): FieldError[] {
  const errors: FieldError[] = [];
  const children = input.children ?? [];
  if (input.outcome === VisitOutcome.Done) {
    if (input.notDoneReason) errors.push({ field: 'notDoneReason', code: 'only_when_not_done', message: '実施した訪問には未実施理由を指定できません。' });
    if (!input.riskChange) errors.push({ field: 'riskChange', code: 'required_when_done', message: 'リスクの変化を選択してください。' });
    const family = new Set(familyChildIds);
    const listed = new Set<string>();
    children.forEach((child, index) => {
      if (!family.has(child.personId)) errors.push({ field: `children[${index}].personId`, code: 'not_a_child_of_the_case', message: 'このケースの児童ではありません。' });
      if (listed.has(child.personId)) errors.push({ field: `children[${index}].personId`, code: 'duplicate_child', message: '同じ児童が重複しています。' });
      listed.add(child.personId);
      if (child.seen && !child.condition) errors.push({ field: `children[${index}].condition`, code: 'required_when_seen', message: '目視した児童の状態を選択してください。' });
      if (!child.seen && child.condition) errors.push({ field: `children[${index}].condition`, code: 'only_when_seen', message: '目視していない児童の状態は記録できません（所見は備考へ）。' });
    });
    const missing = familyChildIds.filter((id) => !listed.has(id));
    if (missing.length > 0) {
      errors.push({ field: 'children', code: 'child_missing', message: `世帯の児童全員について目視の有無を記録してください（未記録 ${missing.length} 名）。` });
    }
  } else {
    if (!input.notDoneReason) errors.push({ field: 'notDoneReason', code: 'required_when_not_done', message: '未実施の理由を選択してください。' });
    if (input.notDoneReason === VisitNotDoneReason.Other && !input.notDoneNote) {
      errors.push({ field: 'notDoneNote', code: 'required_for_other', message: '「その他」の場合は理由を記入してください。' });
    }
    if (children.length > 0) errors.push({ field: 'children', code: 'only_when_done', message: '未実施の訪問では児童の目視は記録しません（全員未目視として扱います）。' });
  }
  if (input.nextVisitOn && input.nextVisitOn <= visitedOn) {
    errors.push({ field: 'nextVisitOn', code: 'not_after_visit', message: '次回訪問日は訪問日より後の日付にしてください。' });
  }
  return errors;
}

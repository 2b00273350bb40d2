import { MeasureDefinition, MeasureGroup } from '../measure';
import { CASE_CONFERENCE_MEASURES } from './case-conferences.measures';
import { CENTRE_REQUEST_MEASURES } from './centre-requests.measures';
import { CHILD_ABUSE_REPORT_MEASURES } from './child-abuse-reports.measures';
import { FACILITY_ROUND_MEASURES } from './facility-rounds.measures';
import { POSTPARTUM_CARE_MEASURES } from './postpartum-care.measures';
import { PREGNANCY_MEASURES } from './pregnancy.measures';
import { REFERRAL_MEASURES } from './referrals.measures';
import { SHORT_STAY_MEASURES } from './short-stays.measures';
import { WATCH_VISIT_MEASURES } from './watch-visits.measures';

/** Every measure group, in the order of the plan's sheets. */
export const MEASURE_GROUPS: readonly MeasureGroup[] = [
  PREGNANCY_MEASURES,
  POSTPARTUM_CARE_MEASURES,
  WATCH_VISIT_MEASURES,
  FACILITY_ROUND_MEASURES,
  SHORT_STAY_MEASURES,
  CHILD_ABUSE_REPORT_MEASURES,
  REFERRAL_MEASURES,
  CENTRE_REQUEST_MEASURES,
  CASE_CONFERENCE_MEASURES,
];

export const MEASURE_DEFINITIONS: ReadonlyMap<string, MeasureDefinition & { group: MeasureGroup }> = new Map(
  MEASURE_GROUPS.flatMap((group) => group.definitions.map((d) => [d.code, { ...d, group }] as const)),
);

/** Code → Japanese label, for the dictionaries endpoint. */
export const MEASURE_LABELS: Record<string, string> = Object.fromEntries([...MEASURE_DEFINITIONS.values()].map((d) => [d.code, d.label]));
export const MEASURE_GROUP_LABELS: Record<string, string> = Object.fromEntries(MEASURE_GROUPS.map((g) => [g.code, g.label]));

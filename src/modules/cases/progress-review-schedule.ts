import { EntityManager } from 'typeorm';
import { addMonths, JapanDate } from '../../common/time/japan-time';
import { SupportLevel } from './entities/case.entity';

/** Used when the configuration table has no row for a level (it has one for each from the migration on). */
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 3;

export async function reviewIntervalMonths(manager: EntityManager, supportLevel: SupportLevel): Promise<number> {
  const rows: Array<{ interval_months: number }> = await manager.query(`SELECT interval_months FROM progress_review_intervals WHERE support_level = $1`, [supportLevel]);
  return rows[0]?.interval_months ?? DEFAULT_REVIEW_INTERVAL_MONTHS;
}

/** The review after one held (or after the case was opened or reopened) on `from`. */
export function nextReviewAfter(from: JapanDate, intervalMonths: number): JapanDate {
  return addMonths(from, intervalMonths);
}

/**
 * When a case's support level changes, its next review comes no later than
 * the new level's interval after the last review (or opening): a case made
 * 要保護 with a shorter interval is reviewed sooner, never later than planned.
 */
export function nextReviewAfterLevelChange(current: JapanDate | null, lastReviewOrOpening: JapanDate, newIntervalMonths: number): JapanDate {
  const byNewInterval = nextReviewAfter(lastReviewOrOpening, newIntervalMonths);
  return current !== null && current < byNewInterval ? current : byNewInterval;
}

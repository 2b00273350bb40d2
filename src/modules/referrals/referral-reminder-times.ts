import { addDays, japanDateOf, japanDateTime, JapanDate } from '../../common/time/japan-time';
import { addWorkingDays } from '../../common/time/working-days';

/** A submitted referral waiting more than this many working days is overdue for review. */
export const REVIEW_WORKING_DAYS = 2;
/** A sent referral the centre has not answered in this many days is followed up by the liaison. */
export const ANSWER_DAYS = 7;
/** Office reminders arrive at the start of the working day. */
export const REMINDER_HOUR_JST = 9;

/**
 * "Not reviewed within 2 working days": submitted on Monday, Tuesday and
 * Wednesday are the two working days; on Thursday morning it is overdue.
 * Matches `workingDaysBetween(submittedOn, today) > REVIEW_WORKING_DAYS`.
 */
export function reviewOverdueAt(submittedAt: Date): Date {
  return japanDateTime(addWorkingDays(japanDateOf(submittedAt), REVIEW_WORKING_DAYS + 1), REMINDER_HOUR_JST);
}

/** Seven calendar days after the day it was sent, at the start of the day. */
export function answerOverdueAt(sentOn: JapanDate): Date {
  return japanDateTime(addDays(sentOn, ANSWER_DAYS), REMINDER_HOUR_JST);
}

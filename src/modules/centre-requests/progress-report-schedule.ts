import { addMonths, JapanDate } from '../../common/time/japan-time';

/**
 * 指導措置委託 progress reports fall due every `intervalMonths` from the
 * measure date (措置日, else the day the request was received). Each due date
 * is counted from that anchor, not from the previous due date, so month-end
 * clamping (1/31 → 2/28) never drifts the cycle.
 */
export function reportDueOn(anchor: JapanDate, intervalMonths: number, nth: number): JapanDate {
  if (!Number.isInteger(nth) || nth < 1) throw new RangeError(`report number must be 1 or more: ${nth}`);
  return addMonths(anchor, intervalMonths * nth);
}

export function reportingAnchor(request: { measureStartOn: JapanDate | null; receivedOn: JapanDate }): JapanDate {
  return request.measureStartOn ?? request.receivedOn;
}

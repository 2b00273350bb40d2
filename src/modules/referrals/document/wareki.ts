import { isValidJapanDate, JapanDate } from '../../../common/time/japan-time';

/** Era start dates (the first day of each era). */
const ERAS: Array<{ name: string; start: JapanDate }> = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
];

/** A Japan date in the Japanese calendar used on official documents, e.g. '2026-05-12' → '令和8年5月12日'. */
export function formatWarekiDate(date: JapanDate): string {
  if (!isValidJapanDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return `${y}年${m}月${d}日`;
  const year = y - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年${m}月${d}日`;
}

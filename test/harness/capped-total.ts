import { HttpResult } from './test-app';

/**
 * The steps every list that counts "up to a cap" is held to: with `cap` rows
 * the total is exact and a page is still a page; one row more and the total
 * stays at the cap, marked `totalIsLowerBound`. `fill` adds the first `cap`
 * rows, `oneMore` the next (each list decides how its rows are made).
 */
export async function expectTotalCappedAt(
  cap: number,
  list: () => Promise<HttpResult>,
  rows: { fill: () => Promise<unknown>; oneMore: () => Promise<unknown>; pageSize: number },
): Promise<void> {
  await rows.fill();
  const exact = await list();
  expect({ total: exact.body.total, lowerBound: exact.body.totalIsLowerBound, items: exact.body.items.length }).toEqual({ total: cap, lowerBound: undefined, items: rows.pageSize });
  await rows.oneMore();
  const capped = await list();
  expect({ total: capped.body.total, lowerBound: capped.body.totalIsLowerBound }).toEqual({ total: cap, lowerBound: true });
}

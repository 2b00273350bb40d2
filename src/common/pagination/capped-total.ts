/**
 * A list's total, counted no further than a cap. Past a few hundred rows the
 * reader needs "more than N" (narrow the filter, or page on), not the exact
 * figure, and a count that stops at the cap costs the same however long the
 * list grows: a case followed for years, a common family name.
 */
export interface CappedTotal {
  total: number;
  /** Present when there are more rows than `total`: the count stopped at the cap. */
  totalIsLowerBound?: true;
}

/**
 * Wraps a row source (a SELECT whose rows are to be counted; its select list
 * does not matter) so that counting it stops after `cap + 1` rows, which is
 * how `cappedTotal` tells "exactly the cap" from "more". `capParam` names the
 * statement's parameter holding `cap + 1`.
 */
export function countUpToSql(rowsSql: string, capParam: string): string {
  return `SELECT count(*) AS n FROM (${rowsSql} LIMIT ${capParam}) AS counted`;
}

/**
 * `countUpToSql` over the disjoint parts of a list read in parts (the
 * caller's office and what is shared with it), summed as `n`. Each part
 * stops at the cap, so the sum passes the cap exactly when the whole list
 * does: `cappedTotal` reads it as it reads one count.
 */
export function countPartsUpToSql(partRowsSql: string[], capParam: string): string {
  return `SELECT ${partRowsSql.map((rows) => `(${countUpToSql(rows, capParam)})`).join(' + ')} AS n`;
}

/** The total to answer from a count made with `countUpToSql` (or any count of at most `cap + 1` rows). */
export function cappedTotal(counted: number, cap: number): CappedTotal {
  return counted > cap ? { total: cap, totalIsLowerBound: true } : { total: counted };
}

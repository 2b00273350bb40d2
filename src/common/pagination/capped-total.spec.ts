import { cappedTotal, countPartsUpToSql, countUpToSql } from './capped-total';

describe('capped totals', () => {
  it('answers the count as it is up to the cap, and the cap flagged as a lower bound past it', () => {
    expect(cappedTotal(0, 1000)).toEqual({ total: 0 });
    expect(cappedTotal(1000, 1000)).toEqual({ total: 1000 });
    expect(cappedTotal(1001, 1000)).toEqual({ total: 1000, totalIsLowerBound: true });
  });

  it('counts a row source through a LIMIT, so the count stops at the cap', () => {
    expect(countUpToSql('SELECT 1 FROM t WHERE a = $1', '$2')).toBe('SELECT count(*) AS n FROM (SELECT 1 FROM t WHERE a = $1 LIMIT $2) AS counted');
    expect(countPartsUpToSql(['SELECT FROM t WHERE a', 'SELECT FROM t WHERE b'], ':cap')).toBe(
      'SELECT (SELECT count(*) AS n FROM (SELECT FROM t WHERE a LIMIT :cap) AS counted) + (SELECT count(*) AS n FROM (SELECT FROM t WHERE b LIMIT :cap) AS counted) AS n',
    );
  });
});

import { caseTimelineSql, TIMELINE_COUNT_CAP, timelinePageSql } from './case-timeline.service';

describe('timeline statements', () => {
  const sql = caseTimelineSql({ after: false });

  it('reads a timeline no longer than the page in one pass, and a longer one keys first', () => {
    expect(timelinePageSql(sql, 0, 51)).toBe(sql.onePass);
    expect(timelinePageSql(sql, 51, 51)).toBe(sql.onePass);
    expect(timelinePageSql(sql, 52, 51)).toBe(sql.page);
    expect(timelinePageSql(sql, 1001, 51)).toBe(sql.page);
    // A count at its cap (TIMELINE_COUNT_CAP + 1) stopped counting: however large the page, the timeline may be longer.
    expect(timelinePageSql(sql, TIMELINE_COUNT_CAP + 1, 5000)).toBe(sql.page);
    expect(timelinePageSql(sql, TIMELINE_COUNT_CAP, 5000)).toBe(sql.onePass);
  });

  it('applies the same filters, order and cursor in one pass as keys first', () => {
    const filtered = caseTimelineSql({ sources: ['case_note'], after: true });
    for (const text of [filtered.onePass, filtered.page]) {
      expect(text).toContain('t.source = ANY(:sources)');
      expect(text).toContain('(t.occurred_at, t.source, t.entry_id) < (CAST(:afterAt AS timestamptz)');
      expect(text).toContain('ORDER BY t.occurred_at DESC, t.source DESC, t.entry_id DESC');
    }
    expect(filtered.onePass).toMatch(/LIMIT :take\s*$/);
    expect(filtered.onePass).not.toContain('WITH page');
  });
});

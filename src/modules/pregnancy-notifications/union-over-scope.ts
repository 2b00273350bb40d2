/**
 * One SELECT per scope part, glued with UNION ALL (see
 * AccessService.pregnancyRecordScopeParts); `branch` receives the part's SQL
 * condition and its position (0 = own office, 1 = linked through a case). With
 * no parts (no case content) it answers an empty branch.
 */
export function unionOverScope(
  parts: Array<{ sql: string; params: Record<string, unknown> }>,
  branch: (scopeSql: string, part: number) => string,
): { sql: string; params: Record<string, unknown> } {
  if (parts.length === 0) return { sql: `(${branch('false', 0)})`, params: {} };
  return { sql: parts.map((p, index) => `(${branch(p.sql, index)})`).join(' UNION ALL '), params: Object.assign({}, ...parts.map((p) => p.params)) };
}

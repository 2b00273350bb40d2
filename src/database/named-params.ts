/**
 * Turns a condition with TypeORM-style named parameters (`:name`, as
 * `AccessService.caseScopeCondition` answers) into positional ones (`$n`) for
 * raw SQL, appending the values to `params`. Casts (`::date`) are left alone.
 */
export function toPositional(sql: string, named: Record<string, unknown>, params: unknown[]): string {
  return sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (_whole, name: string) => {
    if (!Object.hasOwn(named, name)) throw new Error(`no value for parameter :${name}`);
    params.push(named[name]);
    return `$${params.length}`;
  });
}

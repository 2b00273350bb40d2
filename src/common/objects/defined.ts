/**
 * The keys of a partial update that were actually sent. DTO classes compiled
 * with define semantics carry every declared field, absent ones as undefined;
 * an update must not treat those as "set to undefined".
 */
export function definedEntries<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

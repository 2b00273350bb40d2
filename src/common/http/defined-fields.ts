/**
 * The fields a client actually sent. Compiled DTO classes declare every
 * property, so an omitted field is present as `undefined`; copying those onto
 * an entity would blank it. `null` (an explicit "clear it") is kept.
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}

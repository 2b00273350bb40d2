import { validationFailed } from '../../common/problem/problem';

/**
 * The fields a PATCH body actually carried. DTO classes define every
 * property (ES2022 class fields), so absent ones exist as `undefined`; `null`
 * is kept because it means "clear this field".
 */
export function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * PartialType marks every field optional, and class-validator lets `null`
 * through optional fields; required columns must still refuse it (400, not a
 * database error).
 */
export function assertNoNulls<T extends object>(changes: Partial<T>, required: ReadonlyArray<keyof T & string>): void {
  const errors = required.filter((field) => changes[field] === null).map((field) => ({ field, code: 'not_nullable', message: `${field} cannot be cleared` }));
  if (errors.length) throw validationFailed(errors);
}

import { validationFailed } from '../../common/problem/problem';

/**
 * PartialType marks every field optional, and class-validator lets `null`
 * through optional fields; required columns must still refuse it (400, not a
 * database error).
 */
export function assertNoNulls<T extends object>(changes: Partial<T>, required: ReadonlyArray<keyof T & string>): void {
  const errors = required.filter((field) => changes[field] === null).map((field) => ({ field, code: 'not_nullable', message: `${field} cannot be cleared` }));
  if (errors.length) throw validationFailed(errors);
}

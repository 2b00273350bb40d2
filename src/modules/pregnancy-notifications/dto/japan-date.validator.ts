import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { isValidJapanDate } from '../../../common/time/japan-time';

/** A real calendar date written 'YYYY-MM-DD' (2026-02-30 is refused). */
export function IsJapanDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJapanDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidJapanDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** Trims strings; an empty string becomes null so optional free text is either meaningful or absent. */
export const TrimToNull = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value));


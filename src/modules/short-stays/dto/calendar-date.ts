import { ValidateBy, ValidationOptions } from 'class-validator';
import { isValidJapanDate } from '../../../common/time/japan-time';

/** A real calendar date written 'YYYY-MM-DD' (rejects '2026-02-30'). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidJapanDate(value),
        defaultMessage: () => '$property must be a calendar date written YYYY-MM-DD',
      },
    },
    options,
  );

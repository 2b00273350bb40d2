import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A date and time with its offset from UTC: 'T' between them, minutes at
 * least, optional seconds and fraction, then 'Z' or ±HH:MM.
 */
const INSTANT_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant written in ISO 8601 with its offset ('2026-05-12T15:40:00+09:00'
 * or '…Z'), on a day that exists. Without an offset a time names no instant:
 * JavaScript would read it in the server's own time zone (UTC on most hosts),
 * so a 通告 received at 15:40 in Tokyo would start its 48-hour clock nine
 * hours late, and a bare date would be midnight UTC.
 */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT_FORM.test(value) && isISO8601(value, { strict: true, strictSeparator: true });
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date and time with its UTC offset, e.g. 2026-05-12T15:40:00+09:00`,
      },
    },
    options,
  );
}

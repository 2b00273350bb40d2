import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimal places. class-validator's own
 * `IsNumber({ maxDecimalPlaces })` throws a TypeError on numbers JSON writes in
 * exponent notation (1e-7, -2e-323), which answered 500 (found by the fuzzer);
 * this checks the value itself instead of its text.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      validator: {
        validate: (value: unknown) => isDecimal(value, places),
        defaultMessage: () => `$property must be a number with at most ${places} decimal places`,
      },
    },
    options,
  );
}

export function isDecimal(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  // JSON's 12.34 parses to the double nearest 12.34, which is also what rounding to hundredths gives back.
  const factor = 10 ** places;
  return Math.round(value * factor) / factor === value;
}

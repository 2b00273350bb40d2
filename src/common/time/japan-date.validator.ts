import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidJapanDate } from './japan-time';

/** A calendar date as 'YYYY-MM-DD' that exists (no 2月30日). */
export function IsJapanDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isJapanDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date (YYYY-MM-DD)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidJapanDate(value) },
    });
  };
}

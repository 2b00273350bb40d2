import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must pass its rules — null
 * included (class-validator's `@IsOptional` would wave null through and let it
 * reach a NOT NULL column). Use `@IsOptional` only where null means "clear it".
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationFailed } from '../problem/problem';
import { unsafeInputErrors } from './input-safety';
import { memoiseValidationMetadata } from './validation-metadata-cache';

/** Flattens class-validator's tree into `a.b[0].c` paths, one entry per failed rule. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      result.push({ field: path, code: code === 'whitelistValidation' ? 'unknown_field' : code, message });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, path));
  }
  return result;
}

/** Refuses unstorable text and absurd nesting in bodies and query strings before the DTO machinery walks them. */
class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = unsafeInputErrors(value);
      if (errors.length > 0) throw validationFailed(errors);
    }
    return super.transform(value, metadata);
  }
}

/** The single validation pipe: unknown fields are rejected, values are converted to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new SafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

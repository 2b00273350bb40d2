import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationFailed } from '../problem/problem';

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

/** The single validation pipe: unknown fields are rejected, values are converted to their DTO types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

import { HttpException, HttpStatus } from '@nestjs/common';

/** One entry per invalid field: where it is, and what is wrong, in words and as a code. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * Stable problem types. Clients branch on `type` (and `code`), never on the
 * human-readable title, so these strings are part of the API.
 */
export const ProblemType = {
  Validation: 'validation-failed',
  MalformedJson: 'malformed-json',
  PayloadTooLarge: 'payload-too-large',
  UnsupportedMediaType: 'unsupported-media-type',
  Unauthenticated: 'unauthenticated',
  InvalidCredentials: 'invalid-credentials',
  AccountLocked: 'account-locked',
  Forbidden: 'forbidden',
  BreakGlassRequired: 'break-glass-required',
  NotFound: 'not-found',
  Conflict: 'conflict',
  VersionConflict: 'version-conflict',
  Duplicate: 'duplicate',
  InvalidTransition: 'invalid-state-transition',
  BusinessRule: 'business-rule-violated',
  RateLimited: 'rate-limited',
  ExportTooLarge: 'export-too-large',
  ServiceUnavailable: 'service-unavailable',
  Internal: 'internal-error',
} as const;
export type ProblemTypeCode = (typeof ProblemType)[keyof typeof ProblemType];

export const PROBLEM_TYPE_BASE = 'https://hagukumi.example/problems/';

export interface ProblemInit {
  status: HttpStatus;
  type: ProblemTypeCode;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** Extra machine-readable members (e.g. `allowed` transitions). */
  extensions?: Record<string, unknown>;
}

/**
 * The one exception features throw for expected failures; the filter renders
 * it as RFC 9457 application/problem+json.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.title, problem.status);
  }
}

export const notFound = (what = 'resource'): ProblemException =>
  new ProblemException({ status: HttpStatus.NOT_FOUND, type: ProblemType.NotFound, title: 'Not found', detail: `The ${what} does not exist or is not in your scope.` });

export const forbidden = (detail: string): ProblemException =>
  new ProblemException({ status: HttpStatus.FORBIDDEN, type: ProblemType.Forbidden, title: 'Forbidden', detail });

export const conflict = (detail: string, extensions?: Record<string, unknown>): ProblemException =>
  new ProblemException({ status: HttpStatus.CONFLICT, type: ProblemType.Conflict, title: 'Conflict', detail, extensions });

export const businessRule = (detail: string, errors?: FieldError[], extensions?: Record<string, unknown>): ProblemException =>
  new ProblemException({ status: HttpStatus.UNPROCESSABLE_ENTITY, type: ProblemType.BusinessRule, title: 'Business rule violated', detail, errors, extensions });

export const invalidTransition = (from: string, action: string, allowed: readonly string[]): ProblemException =>
  new ProblemException({
    status: HttpStatus.CONFLICT,
    type: ProblemType.InvalidTransition,
    title: 'Invalid state transition',
    detail: `Cannot ${action} from state "${from}".`,
    extensions: { state: from, allowed },
  });

export const versionConflict = (): ProblemException =>
  new ProblemException({
    status: HttpStatus.CONFLICT,
    type: ProblemType.VersionConflict,
    title: 'Edited by someone else',
    detail: 'The record was changed since you loaded it. Reload it and apply your change again.',
  });

export const validationFailed = (errors: FieldError[], detail = 'The request has invalid fields.'): ProblemException =>
  new ProblemException({ status: HttpStatus.BAD_REQUEST, type: ProblemType.Validation, title: 'Invalid request', detail, errors });

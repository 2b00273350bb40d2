import { HttpStatus } from '@nestjs/common';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { OutsideCalendarError } from '../time/japan-time';
import { WORKING_DAY_YEARS } from '../time/working-days';
import { PROBLEM_TYPE_BASE, ProblemException, ProblemInit, ProblemType, ProblemTypeCode } from './problem';

export interface ProblemBody {
  type: string;
  code: ProblemTypeCode;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemInit['errors'];
  [extension: string]: unknown;
}

const STATUS_TYPES: Partial<Record<number, [ProblemTypeCode, string]>> = {
  400: [ProblemType.Validation, 'Invalid request'],
  401: [ProblemType.Unauthenticated, 'Authentication required'],
  403: [ProblemType.Forbidden, 'Forbidden'],
  404: [ProblemType.NotFound, 'Not found'],
  405: [ProblemType.NotFound, 'Method not allowed'],
  409: [ProblemType.Conflict, 'Conflict'],
  413: [ProblemType.PayloadTooLarge, 'Payload too large'],
  415: [ProblemType.UnsupportedMediaType, 'Unsupported media type'],
  422: [ProblemType.BusinessRule, 'Business rule violated'],
  429: [ProblemType.RateLimited, 'Too many requests'],
  503: [ProblemType.ServiceUnavailable, 'Service unavailable'],
};

/** Postgres / network error codes that mean "a dependency is down, try again". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);

/**
 * Maps any thrown value to a problem. Expected failures keep their detail;
 * anything unexpected becomes a bare 500 whose cause is only logged.
 */
export function toProblem(error: unknown): { problem: ProblemInit; unexpected: boolean } {
  if (error instanceof ProblemException) return { problem: error.problem, unexpected: false };

  if (error instanceof OptimisticLockVersionMismatchError) {
    return { problem: { status: 409, type: ProblemType.VersionConflict, title: 'Edited by someone else', detail: 'The record was changed since you loaded it.' }, unexpected: false };
  }

  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    if (code === '23505') {
      return { problem: { status: 409, type: ProblemType.Duplicate, title: 'Already exists', detail: 'A record with the same unique value already exists.' }, unexpected: false };
    }
    if (code === '40001' || code === '40P01' || code === '55P03') {
      return { problem: { status: 409, type: ProblemType.Conflict, title: 'Concurrent update', detail: 'Another change happened at the same time. Try again.' }, unexpected: false };
    }
    // Invalid text representation, datetime, numeric range, NUL / untranslatable characters.
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003' || code === '22021' || code === '22P05' || code === '22001') {
      return { problem: { status: 400, type: ProblemType.Validation, title: 'Invalid request', detail: 'A value has an invalid format.' }, unexpected: false };
    }
    if (code === '23502') {
      return { problem: { status: 400, type: ProblemType.Validation, title: 'Invalid request', detail: 'A required value is missing.' }, unexpected: false };
    }
    if (code === '23503' || code === '23514') {
      return { problem: { status: 422, type: ProblemType.BusinessRule, title: 'Business rule violated', detail: 'The change refers to a record that does not exist or breaks a rule of the record.' }, unexpected: false };
    }
    if (code && UNAVAILABLE_CODES.has(code)) return unavailable();
    // statement_timeout: the request asked more of the database than it answers in time. Not the client's fault
    // nor a bug to hide behind a bare 500: try again later or narrow the request. Logged, to find what was slow.
    if (code === '57014') {
      return {
        problem: { status: HttpStatus.SERVICE_UNAVAILABLE, type: ProblemType.ServiceUnavailable, title: 'Took too long', detail: 'The database did not answer in time. Try again shortly, or narrow the request.' },
        unexpected: true,
      };
    }
  }

  if (error instanceof OutsideCalendarError) {
    return {
      problem: {
        status: 422,
        type: ProblemType.BusinessRule,
        title: 'Date outside the calendar',
        detail: `日付が扱える範囲（営業日の計算は${WORKING_DAY_YEARS.first}〜${WORKING_DAY_YEARS.last}年）を外れています。年を確認してください。`,
      },
      unexpected: false,
    };
  }

  if (isDependencyDown(error)) return unavailable();

  // Nest wraps Fastify's parser errors in an HttpException; the cause keeps the code.
  const fastifyError = fromFastifyError(error) ?? fromFastifyError((error as { cause?: unknown } | null)?.cause);
  if (fastifyError) return { problem: fastifyError, unexpected: false };

  const status = httpStatusOf(error);
  if (status && status < 500) {
    const [type, title] = STATUS_TYPES[status] ?? [ProblemType.Validation, 'Invalid request'];
    const detail = error instanceof Error ? error.message : undefined;
    return { problem: { status, type, title, detail }, unexpected: false };
  }
  if (status === 503) return unavailable();

  return { problem: { status: 500, type: ProblemType.Internal, title: 'Internal server error', detail: 'An unexpected error occurred. Quote the request id when reporting it.' }, unexpected: true };
}

/**
 * Messages of the pg and ioredis clients when the server is unreachable or the
 * connection broke, which carry no error code. (ioredis: a connection without
 * an offline queue refuses commands while Redis is down; pg: a pooled client
 * whose server went away.)
 */
const DEPENDENCY_DOWN_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|Connection is closed|timeout exceeded when trying to connect|Stream isn't writeable|Reached the max retries per request limit|is not queryable|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i;

/** A dependency (PostgreSQL, Redis) is down or the connection to it broke: the request may succeed if retried shortly. */
export function isDependencyDown(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (error instanceof Error && (error.name === 'MaxRetriesPerRequestError' || DEPENDENCY_DOWN_MESSAGES.test(error.message))) return true;
  // TypeORM and pg-pool wrap the driver's error; look a few levels down.
  const inner = error as { driverError?: unknown; cause?: unknown };
  return isDependencyDown(inner.driverError, depth + 1) || isDependencyDown(inner.cause, depth + 1);
}

function unavailable(): { problem: ProblemInit; unexpected: boolean } {
  return {
    problem: { status: HttpStatus.SERVICE_UNAVAILABLE, type: ProblemType.ServiceUnavailable, title: 'Service unavailable', detail: 'A service the system depends on is not answering. Try again shortly.' },
    unexpected: false,
  };
}

/** Errors raised by Fastify itself while parsing the request, before Nest sees it. */
function fromFastifyError(error: unknown): ProblemInit | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('FST_')) {
    if (error instanceof SyntaxError && httpStatusOf(error) === 400) {
      return { status: 400, type: ProblemType.MalformedJson, title: 'Malformed JSON', detail: 'The request body is not valid JSON.' };
    }
    return null;
  }
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, type: ProblemType.PayloadTooLarge, title: 'Payload too large', detail: 'The request body is larger than allowed.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, type: ProblemType.UnsupportedMediaType, title: 'Unsupported media type', detail: 'Send the body as application/json.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, type: ProblemType.MalformedJson, title: 'Malformed JSON', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, type: ProblemType.Validation, title: 'Invalid request', detail: 'The Content-Length header does not match the body.' };
    default: {
      const status = httpStatusOf(error) ?? 400;
      if (status >= 500) return null;
      const [type, title] = STATUS_TYPES[status] ?? [ProblemType.Validation, 'Invalid request'];
      return { status, type, title };
    }
  }
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { getStatus?: () => number; statusCode?: unknown; status?: unknown };
  if (typeof candidate.getStatus === 'function') return candidate.getStatus();
  if (typeof candidate.statusCode === 'number') return candidate.statusCode;
  if (typeof candidate.status === 'number') return candidate.status;
  return undefined;
}

export function problemBody(problem: ProblemInit, requestId: string | undefined, instance: string | undefined): ProblemBody {
  return {
    type: `${PROBLEM_TYPE_BASE}${problem.type}`,
    code: problem.type,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(problem.extensions ?? {}),
  };
}

import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonLogger } from '../logging/json-logger';
import { problemBody, toProblem } from './problem-renderer';

/** Renders every error as application/problem+json; a 500 never leaks its cause. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: JsonLogger): void {
  const { problem, unexpected } = toProblem(error);
  if (unexpected) {
    logger.event('error', 'unhandled error', {
      reqId: request.id,
      route: request.routeOptions?.url,
      method: request.method,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
  if (reply.sent) return;
  const path = request.url.split('?')[0];
  if (problem.status === 429 && problem.extensions?.retryAfterSeconds) {
    void reply.header('retry-after', String(problem.extensions.retryAfterSeconds));
  }
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(problemBody(problem, request.id, path)));
}

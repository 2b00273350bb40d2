import { RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { JsonLogger } from './common/logging/json-logger';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { createValidationPipe } from './common/http/validation';
import { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Builds the HTTP application (without listening), so that `main.ts` and the
 * end-to-end tests run exactly the same pipeline.
 */
export async function createHttpApp(config: AppConfig, options: { logger?: JsonLogger; module?: Type<unknown> } = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? new JsonLogger(config.logLevel, 'api');
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Keep the caller's correlation id when it is well-formed, else mint one.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Keep JSON nesting shallow enough that a hostile body cannot exhaust the stack.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });

  // JSON only: Fastify's own JSON parser (with its body limit and poisoning
  // checks) stays; everything else is answered 415 instead of being parsed.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, { logger, bufferLogs: false, bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  // Request log: ids, route pattern, status and time only; never the query string (names may be searched).
  fastify.addHook('onResponse', async (request, reply) => {
    const user = (request as { user?: { userId?: string } }).user;
    logger.event(reply.statusCode >= 500 ? 'error' : 'info', 'request', {
      reqId: request.id,
      method: request.method,
      route: request.routeOptions?.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      userId: user?.userId,
    });
  });

  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hagukumi API')
      .setDescription('子ども家庭支援 ケース管理 API. Errors are application/problem+json; `x-roles` lists the roles allowed per operation.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });

  await app.init();
  await fastify.ready();
  return app;
}

import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JsonLogger } from '../logging/json-logger';
import { JOB_HANDLER, JobHandler } from './job-handler';
import { JOBS_BY_QUEUE, JobName, QueueName } from './queue-catalog';
import { queueBaseOptions, workerOptions } from './queue-options';

/**
 * Worker side: finds the `@HandlesJob` providers, refuses to boot unless every
 * job name of the catalog has exactly one, and runs one BullMQ worker per
 * queue. On shutdown the workers close first (running jobs finish) — this runs
 * in `onModuleDestroy`, before the database pool and Redis close.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly workers: Worker[] = [];
  private readonly logger: JsonLogger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {
    this.logger = new JsonLogger(config.logLevel, 'worker');
  }

  onApplicationBootstrap(): void {
    const handlers = this.findHandlers();
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job: Job) => this.dispatch(handlers, job), { ...queueBaseOptions(this.config), ...workerOptions(queue, this.config) });
      worker.on('error', (error) => this.logger.event('warn', 'queue worker error', { queue, error: error.message }));
      worker.on('failed', (job, error) =>
        this.logger.event('warn', 'job failed', { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
      );
      this.workers.push(worker);
      // run() resolves only when the worker closes; its errors are reported through the 'error' event.
      void worker.run().catch((error: unknown) => this.logger.event('error', 'queue worker stopped', { queue, error: String(error) }));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }

  /** Resolves once every worker holds its Redis connections (tests wait on this). */
  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  private async dispatch(handlers: Map<JobName, JobHandler<JobName>>, job: Job): Promise<unknown> {
    const handler = handlers.get(job.name as JobName);
    // Unreachable after the boot check unless an older deployment enqueued a retired job name.
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler.handle(job.data, job);
  }

  private findHandlers(): Map<JobName, JobHandler<JobName>> {
    const found = new Map<JobName, JobHandler<JobName>[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler<JobName> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, wrapper.metatype as () => void);
      if (name) found.set(name, [...(found.get(name) ?? []), instance]);
    }
    const problems: string[] = [];
    for (const name of Object.values(JOBS_BY_QUEUE).flat()) {
      const count = found.get(name)?.length ?? 0;
      if (count !== 1) problems.push(`${name}: ${count} handlers`);
    }
    for (const name of found.keys()) {
      if (!Object.values(JobName).includes(name)) problems.push(`${name}: not in the queue catalog`);
    }
    if (problems.length > 0) throw new Error(`Every job needs exactly one handler: ${problems.join('; ')}`);
    return new Map([...found].map(([name, list]) => [name, list[0]]));
  }
}

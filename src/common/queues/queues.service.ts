import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobName, JobPayloads, QueueName, queueOf } from './queue-catalog';
import { defaultJobOptions, queueBaseOptions } from './queue-options';

export interface EnqueueOptions {
  /** Deterministic id: adding a job whose id the queue already holds does nothing. */
  jobId: string;
  delayMs?: number;
}

/** Producer side of the queues, in both the API and the worker. */
@Injectable()
export class QueuesService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { ...queueBaseOptions(this.config), defaultJobOptions: defaultJobOptions(name, this.config) });
      // Errors surface through the failing call; the listener keeps a Redis outage from crashing the process.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    await this.queue(queueOf(name)).add(name, payload, { jobId: options.jobId, delay: Math.max(0, options.delayMs ?? 0) });
  }

  async addBulk<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N] } & EnqueueOptions>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queueOf(name)).addBulk(
      jobs.map((job) => ({ name, data: job.payload, opts: { jobId: job.jobId, delay: Math.max(0, job.delayMs ?? 0) } })),
    );
  }

  async getJob(name: JobName, jobId: string): Promise<Job | undefined> {
    return this.queue(queueOf(name)).getJob(jobId);
  }

  /** Drops a job that is waiting or delayed; a job being processed is left alone (it will find nothing to do). */
  async remove(name: JobName, jobId: string): Promise<void> {
    await this.queue(queueOf(name)).remove(jobId);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

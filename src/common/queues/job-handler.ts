import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from './queue-catalog';

export const JOB_HANDLER = 'hagukumi:job-handler';

/** A processor for one job name; it reloads what it needs from the database. */
export interface JobHandler<N extends JobName> {
  handle(payload: JobPayloads[N], job: Job<JobPayloads[N]>): Promise<unknown>;
}

/** Marks a provider as the handler of a job name; only the worker runs handlers. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

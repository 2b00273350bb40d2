import { Injectable } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { loadConfig } from '../../config/app-config';
import { HandlesJob } from './job-handler';
import { JobName } from './queue-catalog';
import { QueueWorkers } from './queue-workers';

@Injectable()
@HandlesJob(JobName.DeliverReminder)
class Deliver {
  async handle(): Promise<void> {}
}

@Injectable()
@HandlesJob(JobName.SendMail)
class SendMail {
  async handle(): Promise<void> {}
}

function workersWith(...handlers: Array<new () => object>): QueueWorkers {
  const discovery = { getProviders: () => handlers.map((type) => ({ instance: new type(), metatype: type })) } as unknown as DiscoveryService;
  return new QueueWorkers(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), discovery, new Reflector());
}

describe('QueueWorkers boot check', () => {
  it('refuses to boot when a job name has no handler', () => {
    expect(() => workersWith(Deliver, SendMail).onApplicationBootstrap()).toThrow('reminder.reconcile: 0 handlers');
  });

  it('refuses to boot when a job name has two handlers', () => {
    expect(() => workersWith(Deliver, Deliver, SendMail).onApplicationBootstrap()).toThrow('reminder.deliver: 2 handlers');
  });
});

import { Global, Module } from '@nestjs/common';
import { QueuesService } from './queues.service';

/** The queue producers, for the API and the worker alike. */
@Global()
@Module({ providers: [QueuesService], exports: [QueuesService] })
export class QueuesModule {}

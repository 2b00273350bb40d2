import { Global, Module } from '@nestjs/common';
import { AfterCommit } from '../../database/after-commit';
import { ReminderEnqueuer } from './delivery/reminder-enqueuer';
import { BuiltInRecipientResolvers } from './recipients/built-in-resolvers';
import { RecipientResolverRegistry } from './recipients/recipient-resolver.registry';
import { RemindersService } from './reminders.service';

/**
 * The scheduling API every feature module uses, in the API and the worker
 * alike: `RemindersService`, and the registry where feature modules add
 * resolvers for their recipient kinds.
 */
@Global()
@Module({
  providers: [RemindersService, RecipientResolverRegistry, BuiltInRecipientResolvers, AfterCommit, ReminderEnqueuer],
  exports: [RemindersService, RecipientResolverRegistry, AfterCommit, ReminderEnqueuer],
})
export class RemindersModule {}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows } from '../../../database/sql';
import { RecipientResolverRegistry } from '../recipients/recipient-resolver.registry';
import { ReminderRecipient, UnresolvedRecipient } from '../recipients/reminder-recipient';

export interface ResolvedUser {
  id: string;
  /** Set only when the user has an address and wants reminder e-mails. */
  mailable: boolean;
}

/** Turns a reminder's recipients into the active users they name now, recording the ones that name nobody. */
@Injectable()
export class RecipientResolution {
  constructor(private readonly registry: RecipientResolverRegistry) {}

  async resolve(manager: EntityManager, recipients: ReminderRecipient[]): Promise<{ users: ResolvedUser[]; unresolved: UnresolvedRecipient[] }> {
    const perRecipient: Array<{ recipient: ReminderRecipient; userIds: string[] }> = [];
    const unresolved: UnresolvedRecipient[] = [];
    for (const recipient of recipients) {
      const resolver = this.registry.resolverFor(recipient.kind);
      if (!resolver) {
        unresolved.push({ recipient, reason: 'no_resolver' });
        continue;
      }
      perRecipient.push({ recipient, userIds: await resolver.resolve(manager, recipient) });
    }
    const candidates = [...new Set(perRecipient.flatMap((r) => r.userIds))];
    const active = candidates.length
      ? await sqlRows<{ id: string; mailable: boolean }>(
          manager,
          `SELECT id, (email IS NOT NULL AND email_notifications) AS mailable FROM users WHERE id = ANY ($1::uuid[]) AND active ORDER BY id`,
          [candidates],
        )
      : [];
    const activeIds = new Set(active.map((u) => u.id));
    for (const { recipient, userIds } of perRecipient) {
      if (!userIds.some((id) => activeIds.has(id))) unresolved.push({ recipient, reason: 'nobody' });
    }
    return { users: active, unresolved };
  }
}

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

export interface Resolution {
  users: ResolvedUser[];
  unresolved: UnresolvedRecipient[];
}

/** Turns a reminder's recipients into the active users they name now, recording the ones that name nobody. */
@Injectable()
export class RecipientResolution {
  constructor(private readonly registry: RecipientResolverRegistry) {}

  async resolve(manager: EntityManager, recipients: ReminderRecipient[]): Promise<Resolution> {
    return (await this.resolveMany(manager, [recipients]))[0];
  }

  /**
   * The recipients of several reminders at once (a delivery batch): each
   * distinct recipient is resolved once, and the users' state is read in one
   * query. Answers one resolution per list, in order.
   */
  async resolveMany(manager: EntityManager, lists: ReminderRecipient[][]): Promise<Resolution[]> {
    // jsonb stores object keys in a canonical order, so equal recipients serialise equally.
    const resolved = new Map<string, string[] | null>();
    for (const recipient of lists.flat()) {
      const key = JSON.stringify(recipient);
      if (resolved.has(key)) continue;
      const resolver = this.registry.resolverFor(recipient.kind);
      resolved.set(key, resolver ? await resolver.resolve(manager, recipient) : null);
    }
    const candidates = [...new Set([...resolved.values()].flatMap((ids) => ids ?? []))];
    const active = candidates.length
      ? await sqlRows<ResolvedUser>(
          manager,
          `SELECT id, (email IS NOT NULL AND email_notifications) AS mailable FROM users WHERE id = ANY ($1::uuid[]) AND active ORDER BY id`,
          [candidates],
        )
      : [];
    const activeIds = new Set(active.map((u) => u.id));
    return lists.map((recipients) => {
      const unresolved: UnresolvedRecipient[] = [];
      const named = new Set<string>();
      for (const recipient of recipients) {
        const userIds = resolved.get(JSON.stringify(recipient));
        if (userIds === null || userIds === undefined) {
          unresolved.push({ recipient, reason: 'no_resolver' });
          continue;
        }
        userIds.forEach((id) => named.add(id));
        if (!userIds.some((id) => activeIds.has(id))) unresolved.push({ recipient, reason: 'nobody' });
      }
      return { users: active.filter((u) => named.has(u.id)), unresolved };
    });
  }
}

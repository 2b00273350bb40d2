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

/** What a reminder's recipients are resolved for: who it names, and the office whose record it is about. */
export interface RecipientList {
  officeId: string;
  recipients: ReminderRecipient[];
}

/**
 * Turns a reminder's recipients into the active users they name now, recording
 * the ones that name nobody. A user named by id is reached only while at the
 * reminder's office: a follow-up on an office's record is for its staff, and
 * someone who moved away can no longer open the record.
 */
@Injectable()
export class RecipientResolution {
  constructor(private readonly registry: RecipientResolverRegistry) {}

  async resolve(manager: EntityManager, list: RecipientList): Promise<Resolution> {
    return (await this.resolveMany(manager, [list]))[0];
  }

  /**
   * The recipients of several reminders at once (a delivery batch): each
   * distinct recipient is resolved once, and the users' state is read in one
   * query. Answers one resolution per list, in order.
   */
  async resolveMany(manager: EntityManager, lists: RecipientList[]): Promise<Resolution[]> {
    // jsonb stores object keys in a canonical order, so equal recipients serialise equally.
    const resolved = new Map<string, string[] | null>();
    for (const recipient of lists.flatMap((list) => list.recipients)) {
      const key = JSON.stringify(recipient);
      if (resolved.has(key)) continue;
      const resolver = this.registry.resolverFor(recipient.kind);
      resolved.set(key, resolver ? await resolver.resolve(manager, recipient) : null);
    }
    const candidates = [...new Set([...resolved.values()].flatMap((ids) => ids ?? []))];
    const active = candidates.length
      ? await sqlRows<ResolvedUser & { office_id: string }>(
          manager,
          `SELECT id, office_id, (email IS NOT NULL AND email_notifications) AS mailable FROM users WHERE id = ANY ($1::uuid[]) AND active ORDER BY id`,
          [candidates],
        )
      : [];
    const officeOf = new Map(active.map((u) => [u.id, u.office_id]));
    return lists.map(({ officeId, recipients }) => {
      const unresolved: UnresolvedRecipient[] = [];
      const named = new Set<string>();
      for (const recipient of recipients) {
        const userIds = resolved.get(JSON.stringify(recipient));
        if (userIds === null || userIds === undefined) {
          unresolved.push({ recipient, reason: 'no_resolver' });
          continue;
        }
        const reachable = userIds.filter((id) => officeOf.has(id) && (recipient.kind !== 'user' || officeOf.get(id) === officeId));
        reachable.forEach((id) => named.add(id));
        if (reachable.length === 0) unresolved.push({ recipient, reason: userIds.some((id) => officeOf.has(id)) ? 'other_office' : 'nobody' });
      }
      return { users: active.filter((u) => named.has(u.id)).map(({ id, mailable }) => ({ id, mailable })), unresolved };
    });
  }
}

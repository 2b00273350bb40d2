import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecipientKind, ReminderRecipient } from './reminder-recipient';

/** Placeholders bound to the signed-in user in due-list queries. */
export interface UserParams {
  userId: string;
  officeId: string;
  /** A text[] of the user's roles. */
  roles: string;
}

export interface RecipientResolver<K extends RecipientKind = RecipientKind> {
  /** Checked when a reminder is scheduled: a malformed recipient is a programming error. */
  isValid(recipient: Extract<ReminderRecipient, { kind: K }>): boolean;
  /** The users this recipient names now; inactive users are dropped by the caller, an empty list is recorded as unresolved. */
  resolve(manager: EntityManager, recipient: Extract<ReminderRecipient, { kind: K }>): Promise<string[]>;
  /**
   * A SELECT of the recipients of this kind that name the signed-in user, one
   * per row, as jsonb objects without their `kind` in a column `recipient`:
   * the personal due list finds the reminders holding one of them through the
   * index over open reminders' recipients. Without it, reminders with this
   * kind of recipient do not appear in personal due lists (they still do in the office list).
   */
  recipientsNamingUserSql?(user: UserParams): string;
}

/**
 * Resolvers by recipient kind. `user` and `office_role` are built in; feature
 * modules register the others (the cases module registers `case_lead`) from a
 * provider that both the API and the worker instantiate.
 */
@Injectable()
export class RecipientResolverRegistry {
  private readonly resolvers = new Map<RecipientKind, RecipientResolver>();

  register<K extends RecipientKind>(kind: K, resolver: RecipientResolver<K>): void {
    // Kinds are code constants, and they are written into due-list SQL: keep them plain.
    if (!/^[a-z][a-z_]*$/.test(kind)) throw new Error(`recipient kind ${kind} must be lower_snake`);
    if (this.resolvers.has(kind)) throw new Error(`a resolver for recipient kind ${kind} is already registered`);
    this.resolvers.set(kind, resolver as unknown as RecipientResolver);
  }

  resolverFor(kind: RecipientKind): RecipientResolver | undefined {
    return this.resolvers.get(kind);
  }

  entries(): Array<[RecipientKind, RecipientResolver]> {
    return [...this.resolvers.entries()];
  }
}

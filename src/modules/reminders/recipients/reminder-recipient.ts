import { Role } from '../../../common/auth/roles';

/**
 * Who a reminder is for. Everything but `user` is resolved to users at
 * delivery time, so staff changes between scheduling and delivery are honoured.
 */
export type ReminderRecipient =
  | { kind: 'user'; userId: string }
  /** The case's lead worker; resolved by the resolver the cases module registers. */
  | { kind: 'case_lead'; caseId: string }
  /** Every active user of the office holding the role, e.g. the supervisors of office X. */
  | { kind: 'office_role'; officeId: string; role: Role };

export type RecipientKind = ReminderRecipient['kind'];

/**
 * A recipient that named nobody at delivery time, kept on the reminder for the
 * record: no resolver for its kind, nobody active, or (a `user`) someone who
 * now works at another office than the reminder's.
 */
export interface UnresolvedRecipient {
  recipient: ReminderRecipient;
  reason: 'no_resolver' | 'nobody' | 'other_office';
}

import { isUuid } from './recipients/built-in-resolvers';
import { RecipientResolverRegistry } from './recipients/recipient-resolver.registry';
import { ReminderRecipient } from './recipients/reminder-recipient';
import type { ScheduleReminder } from './reminders.service';

export const RULE_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const SUBJECT_TYPE = /^[a-z][a-z0-9_]*$/;
const MAX_RECIPIENTS = 50;

/**
 * Reminders come from code, not from users: a malformed one is a programming
 * error and fails the caller's transaction loudly rather than being stored.
 */
export function assertValidReminder(reminder: ScheduleReminder, registry: RecipientResolverRegistry): void {
  const problems: string[] = [];
  if (typeof reminder.key !== 'string' || reminder.key.length < 1 || reminder.key.length > 200) problems.push('key must be 1-200 characters');
  if (!RULE_CODE.test(reminder.rule)) problems.push(`rule "${reminder.rule}" must be lower_snake segments joined by "."`);
  if (!SUBJECT_TYPE.test(reminder.subjectType)) problems.push('subjectType must be lower_snake');
  if (typeof reminder.subjectId !== 'string' || reminder.subjectId.length < 1 || reminder.subjectId.length > 100) problems.push('subjectId must be 1-100 characters');
  if (!isUuid(reminder.officeId)) problems.push('officeId must be a uuid');
  if (typeof reminder.title !== 'string' || reminder.title.trim().length < 1 || reminder.title.length > 100) problems.push('title must be 1-100 characters');
  if (!isInstant(reminder.dueAt)) problems.push('dueAt must be a valid Date');
  checkRecipients('recipients', reminder.recipients, registry, problems);
  if (reminder.escalation) {
    if (!isInstant(reminder.escalation.at)) problems.push('escalation.at must be a valid Date');
    checkRecipients('escalation.recipients', reminder.escalation.recipients, registry, problems);
    const title = reminder.escalation.title;
    if (title !== undefined && (title.trim().length < 1 || title.length > 100)) problems.push('escalation.title must be 1-100 characters');
  }
  if (problems.length > 0) throw new Error(`invalid reminder ${String(reminder.key)}: ${problems.join('; ')}`);
}

function isInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function checkRecipients(field: string, recipients: ReminderRecipient[], registry: RecipientResolverRegistry, problems: string[]): void {
  if (!Array.isArray(recipients) || recipients.length < 1 || recipients.length > MAX_RECIPIENTS) {
    problems.push(`${field} must list 1-${MAX_RECIPIENTS} recipients`);
    return;
  }
  recipients.forEach((recipient, index) => {
    const resolver = registry.resolverFor(recipient?.kind);
    if (!resolver) problems.push(`${field}[${index}]: no resolver registered for kind "${String(recipient?.kind)}"`);
    else if (!resolver.isValid(recipient)) problems.push(`${field}[${index}] is malformed`);
  });
}

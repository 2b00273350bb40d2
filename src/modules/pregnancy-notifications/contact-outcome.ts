import { ContactResult } from './contact-attempt.entity';
import { PregnancyNotificationStatus } from './pregnancy-notification.entity';

/** Results where nobody was reached; a reached mother (even one who declines) resets the count. */
export const UNSUCCESSFUL_RESULTS: ReadonlySet<ContactResult> = new Set([
  ContactResult.NoAnswer,
  ContactResult.MessageLeft,
  ContactResult.NumberUnavailable,
  ContactResult.LetterReturned,
  ContactResult.Absent,
]);

/** Unsuccessful attempts since the last successful contact, given results in the order they happened. */
export function consecutiveUnsuccessful(results: readonly ContactResult[]): number {
  let count = 0;
  for (const result of results) count = UNSUCCESSFUL_RESULTS.has(result) ? count + 1 : 0;
  return count;
}

/**
 * The notification's status after a contact attempt. A 妊娠届 not yet
 * interviewed becomes 連絡不通 once the unsuccessful attempts in a row reach
 * the threshold; reaching the mother later puts it back to 面談未実施. An
 * interviewed notification keeps its status whatever the attempts say.
 */
export function statusAfterContact(
  current: PregnancyNotificationStatus,
  results: readonly ContactResult[],
  threshold: number,
): { status: PregnancyNotificationStatus; becameUnreachable: boolean; consecutive: number } {
  const consecutive = consecutiveUnsuccessful(results);
  if (current === PregnancyNotificationStatus.Interviewed) return { status: current, becameUnreachable: false, consecutive };
  if (consecutive >= threshold) {
    return { status: PregnancyNotificationStatus.Unreachable, becameUnreachable: current !== PregnancyNotificationStatus.Unreachable, consecutive };
  }
  return { status: PregnancyNotificationStatus.Filed, becameUnreachable: false, consecutive };
}

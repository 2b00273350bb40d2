import { ContactResult } from './contact-attempt.entity';
import { consecutiveUnsuccessful, statusAfterContact } from './contact-outcome';
import { PregnancyNotificationStatus } from './pregnancy-notification.entity';

const { NoAnswer, MessageLeft, Reached, Declined, LetterReturned } = ContactResult;
const { Filed, Unreachable, Interviewed } = PregnancyNotificationStatus;

describe('contact attempts → 連絡不通', () => {
  it('counts unsuccessful attempts since the last successful contact', () => {
    expect(consecutiveUnsuccessful([])).toBe(0);
    expect(consecutiveUnsuccessful([NoAnswer, MessageLeft])).toBe(2);
    expect(consecutiveUnsuccessful([NoAnswer, Reached, NoAnswer])).toBe(1);
    expect(consecutiveUnsuccessful([NoAnswer, NoAnswer, Declined])).toBe(0);
  });

  it.each([
    ['below the threshold stays filed', Filed, [NoAnswer, MessageLeft], 3, Filed, false],
    ['reaching the threshold becomes unreachable', Filed, [NoAnswer, MessageLeft, LetterReturned], 3, Unreachable, true],
    ['a threshold of 1 reacts to the first failure', Filed, [NoAnswer], 1, Unreachable, true],
    ['already unreachable is not notified again', Unreachable, [NoAnswer, NoAnswer, NoAnswer, NoAnswer], 3, Unreachable, false],
    ['reaching the mother restores filed', Unreachable, [NoAnswer, NoAnswer, NoAnswer, Reached], 3, Filed, false],
    ['an interviewed notification stays interviewed', Interviewed, [NoAnswer, NoAnswer, NoAnswer], 3, Interviewed, false],
  ] as const)('%s', (_name, current, results, threshold, status, became) => {
    const outcome = statusAfterContact(current, results, threshold);
    expect(outcome.status).toBe(status);
    expect(outcome.becameUnreachable).toBe(became);
  });
});

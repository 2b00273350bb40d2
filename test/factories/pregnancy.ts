import { DataSource } from 'typeorm';
import { addDays, todayInJapan } from '../../src/common/time/japan-time';
import { weeksOn } from '../../src/modules/pregnancy-notifications/pregnancy-dates';

/**
 * Request bodies and rows for the pregnancy programme, with dates that fit
 * together relative to today (the date rules refuse past due dates).
 */
let counter = 0;

/** A due date in the middle of the window that `weeks` completed weeks on `filedOn` allow. */
export function dueDateFor(filedOn: string, weeks: number): string {
  return addDays(filedOn, 280 - 7 * weeks - 3);
}

export function notificationBody(overrides: { daysAgo?: number; weeks?: number; mother?: Record<string, unknown>; [key: string]: unknown } = {}): Record<string, unknown> {
  counter += 1;
  const { daysAgo = 0, weeks = 10, ...rest } = overrides;
  const filedOn = addDays(todayInJapan(), -daysAgo);
  return {
    mother: { nameKanji: `妊婦 花子${counter}`, nameKana: `ニンプ ハナコ${kanaNumber(counter)}`, birthDate: '1995-05-05' },
    filedOn,
    weeksAtFiling: weeks,
    dueDate: dueDateFor(filedOn, weeks),
    medicalInstitution: '練馬総合病院',
    birthOrder: 'first',
    multiplePregnancy: false,
    ...rest,
  };
}

/** A 妊婦面談 with calm answers (screens as `none`), today, at the weeks the due date gives. */
export function interviewBody(notificationId: string, dueDate: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const interviewedOn = (overrides.interviewedOn as string | undefined) ?? todayInJapan();
  return {
    notificationId,
    interviewedOn,
    place: 'counter',
    weeksAtInterview: weeksOn(interviewedOn, dueDate),
    partnerSituation: 'married',
    supportPersons: ['partner', 'own_parents'],
    pastIllness: false,
    mentalIllnessHistory: false,
    insomnia: false,
    lowMood: false,
    lossOfInterest: false,
    strongAnxiety: false,
    smoking: 'never',
    drinking: 'never',
    publicAssistance: false,
    insuranceType: 'employee',
    economicWorry: false,
    housingType: 'rented',
    planningToMove: false,
    domesticViolence: false,
    priorChildProtection: false,
    noPrenatalCheckups: false,
    pregnancyFeeling: 'happy',
    supportPlan: '両親学級を案内。産後は新生児訪問。',
    ...overrides,
  };
}

/** Answers that make a 特定妊婦 candidate by themselves. */
export const CANDIDATE_ANSWERS = { pregnancyFeeling: 'unwanted', partnerSituation: 'no_partner', supportPersons: [] };

/** Another staff member who signs in with the demo password (copied from an existing demo user). */
export async function createStaff(db: DataSource, loginId: string, officeCode: string, roles: string[]): Promise<string> {
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO users (login_id, display_name, office_id, roles, password_hash)
     SELECT $1, $1, o.id, $3::user_role[], (SELECT password_hash FROM users WHERE login_id = 'nurse1') FROM offices o WHERE o.code = $2
     RETURNING id`,
    [loginId, officeCode, roles],
  );
  return rows[0].id;
}

/** Kana digits so generated names stay valid kana readings. */
function kanaNumber(n: number): string {
  const digits = ['ゼロ', 'イチ', 'ニ', 'サン', 'ヨン', 'ゴ', 'ロク', 'ナナ', 'ハチ', 'キュウ'];
  return String(n)
    .split('')
    .map((d) => digits[Number(d)])
    .join('');
}

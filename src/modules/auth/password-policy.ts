import { FieldError } from '../../common/problem/problem';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// A short list of the passwords people reach for first; the length rule does the rest.
const COMMON = ['password1234', '123456789012', 'qwertyuiopas', 'passw0rd1234', 'administrator', 'letmein12345'];

/**
 * The minimum policy (in line with NIST SP 800-63B): long enough, not the
 * login id, not a well-known password, not a single repeated character.
 */
export function checkPasswordPolicy(password: string, loginId: string, field = 'password'): FieldError[] {
  const errors: FieldError[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) errors.push({ field, code: 'password_too_short', message: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。` });
  if (length > PASSWORD_MAX_LENGTH) errors.push({ field, code: 'password_too_long', message: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。` });
  const lower = password.toLowerCase();
  if (loginId && lower.includes(loginId.toLowerCase())) errors.push({ field, code: 'password_contains_login_id', message: 'パスワードにログインIDを含めないでください。' });
  if (COMMON.includes(lower)) errors.push({ field, code: 'password_too_common', message: 'よく使われるパスワードは使えません。' });
  if (length > 0 && new Set(password).size === 1) errors.push({ field, code: 'password_repetitive', message: '同じ文字の繰り返しは使えません。' });
  return errors;
}

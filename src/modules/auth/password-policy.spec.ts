import { checkPasswordPolicy } from './password-policy';

describe('checkPasswordPolicy', () => {
  const codes = (password: string, loginId = 'consultant1') => checkPasswordPolicy(password, loginId).map((e) => e.code);

  it('accepts a long passphrase', () => {
    expect(codes('ねりまの桜が咲いた2026')).toEqual([]);
    expect(codes('correct horse battery')).toEqual([]);
  });

  it('counts characters, not bytes, for the length rule', () => {
    expect(codes('あいうえおかきくけこさ')).toEqual(['password_too_short']); // 11 characters
    expect(codes('あいうえおかきくけこさし')).toEqual([]);
  });

  it('refuses short, common, repetitive passwords and ones containing the login id', () => {
    expect(codes('short')).toContain('password_too_short');
    expect(codes('Password1234')).toContain('password_too_common');
    expect(codes('aaaaaaaaaaaaaaa')).toContain('password_repetitive');
    expect(codes('my-Consultant1-secret')).toContain('password_contains_login_id');
    expect(codes('x'.repeat(129) + 'y')).toContain('password_too_long');
  });
});

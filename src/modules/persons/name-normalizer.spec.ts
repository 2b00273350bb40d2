import { normalizeKana, normalizeKanji } from './name-normalizer';

describe('name normalisation', () => {
  it('makes full-width, hiragana and half-width kana spellings of one name equal', () => {
    const key = normalizeKana('ヤマダ　ハナコ');
    expect(key).toBe('ヤマダハナコ');
    expect(normalizeKana('やまだはなこ')).toBe(key);
    expect(normalizeKana('ﾔﾏﾀﾞ ﾊﾅｺ')).toBe(key);
    expect(normalizeKana(' やまだ・はなこ ')).toBe(key);
  });

  it('keeps voiced and small kana distinct and handles the long vowel mark', () => {
    expect(normalizeKana('さとう')).not.toBe(normalizeKana('さどう'));
    expect(normalizeKana('きょうこ')).toBe('キョウコ');
    expect(normalizeKana('ｺｰﾀﾞｲ')).toBe('コーダイ');
  });

  it('folds kanji names with spaces and compatibility forms', () => {
    expect(normalizeKanji('山田　花子')).toBe('山田花子');
    expect(normalizeKanji('山田 花子')).toBe('山田花子');
  });
});

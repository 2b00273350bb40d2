import fc from 'fast-check';
import { duplicateReasons, SIMILAR_KANA_THRESHOLD } from './duplicate-detection';
import { looseKanaKey, normalizeKana } from './name-normalizer';

const stored = (over: Partial<Parameters<typeof duplicateReasons>[1]> = {}) => ({
  nameKanaNormalized: 'ヤマダハナコ',
  nameKanjiNormalized: '山田花子',
  birthDate: '2019-06-01',
  similarity: 1,
  ...over,
});

describe('duplicateReasons', () => {
  it('same kana and birth date, in any kana spelling', () => {
    for (const nameKana of ['やまだ はなこ', 'ﾔﾏﾀﾞﾊﾅｺ', 'ヤマダ　ハナコ']) {
      expect(duplicateReasons({ nameKana, birthDate: '2019-06-01' }, stored())).toEqual(['same_kana_and_birth_date']);
    }
  });

  it('same kanji and birth date with another reading', () => {
    expect(duplicateReasons({ nameKana: 'ヤマダ カコ', nameKanji: '山田　花子', birthDate: '2019-06-01' }, stored({ similarity: 0.3 }))).toEqual(['same_kanji_and_birth_date']);
  });

  it('spelling variants and typos with the same birth date', () => {
    expect(duplicateReasons({ nameKana: 'きようこ', birthDate: '2019-06-01' }, stored({ nameKanaNormalized: 'キョウコ', similarity: 0.25 }))).toEqual(['similar_kana_and_same_birth_date']);
    expect(duplicateReasons({ nameKana: 'こうた', birthDate: '2019-06-01' }, stored({ nameKanaNormalized: 'コータ', similarity: 0.1 }))).toEqual(['similar_kana_and_same_birth_date']);
    expect(duplicateReasons({ nameKana: 'ヤマダハナ', birthDate: '2019-06-01' }, stored({ similarity: SIMILAR_KANA_THRESHOLD }))).toEqual(['similar_kana_and_same_birth_date']);
    expect(duplicateReasons({ nameKana: 'スズキイチロウ', birthDate: '2019-06-01' }, stored({ similarity: 0.1 }))).toEqual([]);
  });

  it('the same name with another birth date is another person', () => {
    expect(duplicateReasons({ nameKana: 'ヤマダハナコ', birthDate: '2019-06-02' }, stored())).toEqual([]);
  });

  it('an unknown birth date on either side asks on the same kana only', () => {
    expect(duplicateReasons({ nameKana: 'ヤマダハナコ' }, stored())).toEqual(['same_kana_birth_date_unknown']);
    expect(duplicateReasons({ nameKana: 'ヤマダハナコ', birthDate: '2019-06-01' }, stored({ birthDate: null }))).toEqual(['same_kana_birth_date_unknown']);
    expect(duplicateReasons({ nameKana: 'ヤマダハナ' }, stored({ similarity: 0.9 }))).toEqual([]);
  });
});

describe('looseKanaKey', () => {
  it('folds small kana, ヂ/ヅ, old kana, ヴ and the long vowel mark', () => {
    expect(looseKanaKey('キョウコ')).toBe(looseKanaKey('キヨウコ'));
    expect(looseKanaKey('キョウコ')).toBe('キヨコ');
    expect(looseKanaKey('ハッピー')).toBe('ハツピ');
    expect(looseKanaKey('コウタ')).toBe(looseKanaKey('コータ'));
    expect(looseKanaKey('オオノ')).toBe(looseKanaKey('オーノ'));
    expect(looseKanaKey('ユウキ')).toBe(looseKanaKey('ユーキ'));
    expect(looseKanaKey('ケイコ')).toBe(looseKanaKey('ケーコ'));
    expect(looseKanaKey('サトウ')).not.toBe(looseKanaKey('サイトウ'));
    expect(looseKanaKey('チヂミ')).toBe('チジミ');
    expect(looseKanaKey('ヴィヴィアン')).toBe('ブイブイアン');
  });

  it('never lengthens a key, and keeps a key without variants as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'アイウエオァィゥェォッャュョヂヅヴーカキクケコトユ') }), (s) => {
        expect(looseKanaKey(s).length).toBeLessThanOrEqual(s.length);
      }),
    );
    expect(looseKanaKey('サクラ')).toBe('サクラ');
  });

  it('does not change what normalizeKana already made equal', () => {
    expect(looseKanaKey(normalizeKana('ﾖｳｺ'))).toBe(looseKanaKey(normalizeKana('ようこ')));
  });
});

import { toKatakana } from 'wanakana';

/**
 * Search key for kana names: NFKC folds half-width katakana and full-width
 * letters, wanakana folds hiragana into katakana, and every kind of space is
 * dropped — so 「ヤマダ　ハナコ」, 「やまだはなこ」 and 「ﾔﾏﾀﾞ ﾊﾅｺ」 share one key.
 */
export function normalizeKana(input: string): string {
  const folded = input.normalize('NFKC').replace(/[\s\u3000・･.,、，]/g, '');
  return toKatakana(folded, { passRomaji: true }).toUpperCase();
}

/** Search key for kanji names: NFKC (full-width letters, compatibility ideographs), no spaces. */
export function normalizeKanji(input: string): string {
  return input.normalize('NFKC').replace(/[\s\u3000]/g, '');
}

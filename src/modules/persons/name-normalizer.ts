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

const KATAKANA_KEY = /^[\u30A1-\u30FA\u30FC\u30FD\u30FE]+$/;

/** True when a normalised kana key holds only katakana (and the long vowel mark): a usable kana name. */
export function isKanaKey(key: string): boolean {
  return KATAKANA_KEY.test(key);
}

/** Escapes LIKE wildcards in user input (the default escape character is the backslash). */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Spelling variants of one reading that a duplicate check should treat as
 * equal: small kana (キョウコ / キヨウコ), ヂ/ジ and ヅ/ズ, old kana and ヴ, the
 * long vowel mark, and long vowels spelled out (コウタ / コータ / コオタ,
 * ケイコ / ケーコ). Only ever compared between persons with the same birth
 * date, so the folding may be generous. `looseKanaSql` is the same function
 * in SQL; the e2e suite checks that both agree.
 */
export const LOOSE_KANA_FROM = 'ァィゥェォッャュョヮヵヶヂヅヲヰヱヴー';
export const LOOSE_KANA_TO = 'アイウエオツヤユヨワカケジズオイエブ';
const O_ROW = 'オコソトノホモヨロゴゾドボポ';
const U_ROW = 'ウクスツヌフムユルグズブプ';
const E_ROW = 'エケセテネヘメレゲゼデベペ';
/** Long vowels: ウ/オ after an o-sound, ウ after a u-sound, イ after an e-sound. */
const LONG_VOWELS = [`([${O_ROW}])[ウオ]`, `([${U_ROW}])ウ`, `([${E_ROW}])イ`];

export function looseKanaKey(kanaKey: string): string {
  let out = '';
  for (const ch of kanaKey) {
    const at = LOOSE_KANA_FROM.indexOf(ch);
    if (at < 0) out += ch;
    else if (at < LOOSE_KANA_TO.length) out += LOOSE_KANA_TO[at];
  }
  for (const pattern of LONG_VOWELS) out = out.replace(new RegExp(pattern, 'g'), '$1');
  return out;
}

/** `looseKanaKey` over a SQL expression (translate drops the characters past the end of its target, like the loop above). */
export function looseKanaSql(expression: string): string {
  let sql = `translate(${expression}, '${LOOSE_KANA_FROM}', '${LOOSE_KANA_TO}')`;
  for (const pattern of LONG_VOWELS) sql = `regexp_replace(${sql}, '${pattern}', '\\1', 'g')`;
  return sql;
}

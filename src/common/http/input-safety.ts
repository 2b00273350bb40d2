import { FieldError } from '../problem/problem';

/** No DTO of this API nests deeper than a few levels; anything far deeper is a malformed or hostile request. */
export const MAX_INPUT_DEPTH = 16;

/** NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates that do not form a pair (not encodable as UTF-8). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Finds what no field of any DTO may contain, before class-transformer and
 * class-validator walk the input (they recurse, so 100k nested arrays would
 * overflow the stack and answer 500): nesting beyond MAX_INPUT_DEPTH, and
 * text PostgreSQL cannot store. Answers one error per offending field, with
 * its path, so the client is told where; an empty list when all is well.
 */
export function unsafeInputErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (value: unknown, path: string, depth: number): void => {
    if (errors.length >= 20) return;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) errors.push({ field: path || '(body)', code: 'invalid_characters', message: '使用できない文字（NUL 文字または不正な文字コード）が含まれています。' });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: path || '(body)', code: 'too_deep', message: `入れ子が深すぎます（${MAX_INPUT_DEPTH} 段まで）。` });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) errors.push({ field, code: 'invalid_characters', message: '項目名に使用できない文字が含まれています。' });
      visit(item, field, depth + 1);
    }
  };
  visit(input, '', 0);
  return errors;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { validationFailed } from '../problem/problem';

/**
 * Keyset pagination: the cursor is an opaque, URL-safe encoding of the sort
 * key of the last row of the previous page, so pages stay stable while rows
 * are inserted and cost the same on page 1 and page 10,000.
 */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Total rows matching the filters, in scope (not just this page). Present where cheap enough to count. */
  total?: number;
  /** Present on lists that count up to a cap (see capped-total.ts): there are more rows than `total`. */
  totalIsLowerBound?: true;
}

export const DEFAULT_PAGE_SIZE = 50;

export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with the expected number of parts; anything else is a 400. */
export function decodeCursor(cursor: string | undefined, parts: number): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === parts && value.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) {
      return value as (string | number | null)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ field: 'cursor', code: 'invalid_cursor', message: 'The cursor is not one this list produced.' }]);
}

/** Fetch `limit + 1` rows; this trims the extra one and derives the next cursor from the last row kept. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

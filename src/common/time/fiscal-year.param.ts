import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../http/optional';

/** An optional 年度 in a query string: named by its April year (2026 = 2026-04-01 … 2027-03-31, Japan time). */
export function FiscalYearParam(description = '年度 (April 1 – March 31 Japan time, named by the April year)'): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ example: 2026, description }), IsOmittable(), Type(() => Number), IsInt(), Min(2000), Max(2100));
}

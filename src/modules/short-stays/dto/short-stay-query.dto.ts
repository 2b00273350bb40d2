import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { FacilityType } from '../../facilities/facility.entity';
import { ShortStayStatus } from '../short-stay.enums';
import { IsCalendarDate } from './calendar-date';
import { QueryBoolean } from '../../../common/http/query-boolean';


export class ListShortStaysQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ShortStayStatus })
  @IsOptional()
  @IsEnum(ShortStayStatus)
  status?: ShortStayStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Stays with a night on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Stays with a night on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Only the requests I made' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;
}

export class VacancyQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-07-01', description: 'First night shown (default today)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-07-31', description: 'Last night shown (default from + 13 days; at most 92 nights)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: FacilityType })
  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  @ApiPropertyOptional({ description: 'Only facilities that accept a child of this age' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(17)
  age?: number;
}

export class StatsQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Fiscal year (April–March), named by its April; default the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  fiscalYear?: number;
}

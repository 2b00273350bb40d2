import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited } from '../audit/audited.decorator';
import { CoverageQuery, CoverageReport } from './dto/coverage.dto';
import { PregnancyCoverageService } from './pregnancy-coverage.service';

@ApiTags('reports')
@Controller('reports')
export class PregnancyReportsController {
  constructor(private readonly coverage: PregnancyCoverageService) {}

  /** 妊婦面談の実施率 per 保健相談所 and fiscal year (sheet 1-1 ①). */
  @Get('pregnancy-coverage')
  @Roles(Role.Consultant, Role.Supervisor, Role.Admin)
  @Audited('report.pregnancy_coverage', 'report', { idParam: 'none', recordQuery: true })
  @ApiOkResponse({ type: CoverageReport })
  pregnancyCoverage(@CurrentActor() actor: Actor, @Query() query: CoverageQuery): Promise<CoverageReport> {
    return this.coverage.coverage(actor, query);
  }
}

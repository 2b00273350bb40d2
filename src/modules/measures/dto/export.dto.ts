import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { CaseStatus, SupportLevel } from '../../cases/entities/case.entity';
import { ReferralState } from '../../referrals/referral.enums';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

export class ExportCasesQuery {
  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus' })
  @IsOmittable()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: SupportLevel, enumName: 'SupportLevel' })
  @IsOmittable()
  @IsEnum(SupportLevel)
  supportLevel?: SupportLevel;
}

export class ExportOverdueVisitsQuery {
  @ApiPropertyOptional({ description: 'The day to judge on (Japan date); defaults to today' })
  @IsOmittable()
  @IsJapanDate()
  asOf?: string;
}

export class ExportCoverageGapsQuery {
  @FiscalYearParam('Only 妊娠届 filed in this fiscal year; default: every one not interviewed')
  fiscalYear?: number;
}

export class ExportReferralsQuery {
  @ApiPropertyOptional({ enum: ReferralState, enumName: 'ReferralState' })
  @IsOmittable()
  @IsEnum(ReferralState)
  state?: ReferralState;
}

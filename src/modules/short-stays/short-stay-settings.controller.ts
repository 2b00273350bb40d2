import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { CreateShortStayFeeRateDto, CreateShortStayPolicyDto, FeeRatesQuery } from './dto/short-stay-settings.dto';
import { ShortStayFeeRateView, ShortStayPolicyView } from './dto/short-stay-settings.view';
import { ShortStayPoliciesService } from './short-stay-policies.service';

const READERS = [Role.Consultant, Role.Supervisor, Role.Admin] as const;

/** 実施基準 (eligibility policy) rows with effective dates; admins add a row to widen or tighten. */
@ApiTags('short-stays')
@Controller('short-stay-policies')
export class ShortStayPoliciesController {
  constructor(private readonly settings: ShortStayPoliciesService) {}

  @Get()
  @Roles(...READERS)
  @NotAudited('programme settings; no case data')
  @ApiOkResponse({ type: ShortStayPolicyView, isArray: true })
  list(): Promise<ShortStayPolicyView[]> {
    return this.settings.listPolicies();
  }

  @Post()
  @Roles(Role.Admin)
  @Audited('short_stay_policy.create', 'short_stay_policy')
  @ApiCreatedResponse({ type: ShortStayPolicyView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateShortStayPolicyDto): Promise<ShortStayPolicyView> {
    return this.settings.createPolicy(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @Audited('short_stay_policy.delete', 'short_stay_policy')
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.settings.removePolicy(id);
  }
}

/** 利用者負担額: daily fee by facility type and household status, with effective dates. */
@ApiTags('short-stays')
@Controller('short-stay-fee-rates')
export class ShortStayFeeRatesController {
  constructor(private readonly settings: ShortStayPoliciesService) {}

  @Get()
  @Roles(...READERS)
  @NotAudited('programme settings; no case data')
  @ApiOkResponse({ type: ShortStayFeeRateView, isArray: true })
  list(@Query() query: FeeRatesQuery): Promise<ShortStayFeeRateView[]> {
    return this.settings.listFeeRates(query.on);
  }

  @Post()
  @Roles(Role.Admin)
  @Audited('short_stay_fee_rate.create', 'short_stay_fee_rate')
  @ApiCreatedResponse({ type: ShortStayFeeRateView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateShortStayFeeRateDto): Promise<ShortStayFeeRateView> {
    return this.settings.createFeeRate(actor, body);
  }
}

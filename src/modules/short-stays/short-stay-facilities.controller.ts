import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { CreateCapacityChangeDto, PutShortStayFacilityProfileDto, ShortStayFacilitiesQuery } from './dto/short-stay-settings.dto';
import { ShortStayFacilityView } from './dto/short-stay-settings.view';
import { ShortStayFacilitiesService } from './short-stay-facilities.service';

/** The short-stay side of 児童養護施設, 乳児院 and 協力家庭: accepted ages, beds per night, dated bed changes. */
@ApiTags('short-stays')
@Controller('short-stay-facilities')
export class ShortStayFacilitiesController {
  constructor(private readonly facilities: ShortStayFacilitiesService) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor, Role.Admin)
  @NotAudited('facility directory; no case data')
  @ApiOkResponse({ type: ShortStayFacilityView, isArray: true })
  list(@Query() query: ShortStayFacilitiesQuery): Promise<ShortStayFacilityView[]> {
    return this.facilities.list(query);
  }

  @Get(':facilityId')
  @Roles(Role.Consultant, Role.Supervisor, Role.Admin)
  @NotAudited('facility directory; no case data')
  @ApiOkResponse({ type: ShortStayFacilityView })
  get(@Param('facilityId', ParseUUIDPipe) facilityId: string): Promise<ShortStayFacilityView> {
    return this.facilities.get(facilityId);
  }

  @Put(':facilityId')
  @Roles(Role.Admin, Role.Supervisor)
  @Audited('short_stay_facility.update', 'facility', { idParam: 'facilityId' })
  @ApiOkResponse({ type: ShortStayFacilityView })
  @ApiConflictResponse({ description: 'Fewer beds than nights already booked, or a stale version' })
  put(@CurrentActor() actor: Actor, @Param('facilityId', ParseUUIDPipe) facilityId: string, @Body() body: PutShortStayFacilityProfileDto): Promise<ShortStayFacilityView> {
    return this.facilities.putProfile(actor, facilityId, body);
  }

  @Post(':facilityId/capacity-changes')
  @Roles(Role.Admin, Role.Supervisor)
  @Audited('short_stay_facility.capacity_change', 'facility', { idParam: 'facilityId' })
  @ApiOkResponse({ type: ShortStayFacilityView })
  @ApiConflictResponse({ description: 'Nights already booked would exceed the beds' })
  addCapacityChange(@CurrentActor() actor: Actor, @Param('facilityId', ParseUUIDPipe) facilityId: string, @Body() body: CreateCapacityChangeDto): Promise<ShortStayFacilityView> {
    return this.facilities.addCapacityChange(actor, facilityId, body);
  }

  @Delete(':facilityId/capacity-changes/:changeId')
  @Roles(Role.Admin, Role.Supervisor)
  @Audited('short_stay_facility.capacity_change_remove', 'facility', { idParam: 'facilityId' })
  @ApiOkResponse({ type: ShortStayFacilityView })
  removeCapacityChange(
    @CurrentActor() actor: Actor,
    @Param('facilityId', ParseUUIDPipe) facilityId: string,
    @Param('changeId', ParseUUIDPipe) changeId: string,
  ): Promise<ShortStayFacilityView> {
    return this.facilities.removeCapacityChange(actor, facilityId, changeId);
  }
}

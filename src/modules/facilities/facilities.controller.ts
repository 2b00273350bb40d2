import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { CreateFacilityDto, FacilityView, ListFacilitiesQuery, UpdateFacilityDto } from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';

/** 施設台帳: read by everyone signed in; maintained by admins and by supervisors for their office's area. */
@ApiTags('facilities')
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @AnyRole()
  @NotAudited('the facilities registry is organisational data with no case content (who is flagged is served by /children-of-concern, audited)')
  list(@Query() query: ListFacilitiesQuery): Promise<Page<FacilityView>> {
    return this.facilities.list(query);
  }

  @Get(':id')
  @AnyRole()
  @NotAudited('organisational data with no case content')
  @ApiOkResponse({ type: FacilityView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<FacilityView> {
    return this.facilities.get(id);
  }

  @Post()
  @Roles(Role.Admin, Role.Supervisor)
  @Audited('facility.create', 'facility')
  @ApiOkResponse({ type: FacilityView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateFacilityDto): Promise<FacilityView> {
    return this.facilities.create(actor, body);
  }

  @Patch(':id')
  @Roles(Role.Admin, Role.Supervisor)
  @Audited('facility.update', 'facility')
  @ApiOkResponse({ type: FacilityView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateFacilityDto): Promise<FacilityView> {
    return this.facilities.update(actor, id, body);
  }
}

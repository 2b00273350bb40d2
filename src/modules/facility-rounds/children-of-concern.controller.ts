import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { ChildOfConcernView, CreateChildOfConcernDto, ListChildrenOfConcernQuery, UpdateChildOfConcernDto } from './dto/child-of-concern.dto';
import { ChildrenOfConcernService } from './children-of-concern.service';

/** 要配慮児童 (children flagged at facilities): casework staff with the case in scope. */
@ApiTags('facility-rounds')
@Controller('children-of-concern')
export class ChildrenOfConcernController {
  constructor(private readonly children: ChildrenOfConcernService) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_of_concern.list', 'child_of_concern', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListChildrenOfConcernQuery): Promise<Page<ChildOfConcernView>> {
    return this.children.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_of_concern.create', 'child_of_concern')
  @ApiOkResponse({ type: ChildOfConcernView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChildOfConcernDto, @AuditNoteParam() note: AuditNote): Promise<ChildOfConcernView> {
    note.details = { caseId: body.caseId, facilityId: body.facilityId };
    return this.children.create(actor, body);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_of_concern.read', 'child_of_concern')
  @ApiOkResponse({ type: ChildOfConcernView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ChildOfConcernView> {
    return this.children.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_of_concern.update', 'child_of_concern')
  @ApiOkResponse({ type: ChildOfConcernView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateChildOfConcernDto): Promise<ChildOfConcernView> {
    return this.children.update(actor, id, body);
  }
}

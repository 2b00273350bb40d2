import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import {
  CreatePersonDto,
  DuplicateCheckDto,
  DuplicateCheckResult,
  LinkPersonDto,
  PersonListItem,
  PersonView,
  SearchPersonsQuery,
  UnlinkPersonDto,
  UpdatePersonDto,
} from './dto/person.dto';
import { PersonLinksService } from './person-links.service';
import { PersonSearchService } from './person-search.service';
import { PersonsService } from './persons.service';

/** Children, expectant mothers, guardians and others known to an office (casework staff only). */
@ApiTags('persons')
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly searchService: PersonSearchService,
    private readonly links: PersonLinksService,
  ) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('person.search', 'person', { recordQuery: true })
  search(@CurrentActor() actor: Actor, @Query() query: SearchPersonsQuery): Promise<Page<PersonListItem>> {
    return this.searchService.search(actor, query);
  }

  @Post('duplicate-check')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('person.duplicate_check', 'person', { idParam: 'none' })
  @ApiOkResponse({ type: DuplicateCheckResult })
  async duplicateCheck(@CurrentActor() actor: Actor, @Body() body: DuplicateCheckDto, @AuditNoteParam() note: AuditNote): Promise<DuplicateCheckResult> {
    const candidates = await this.persons.duplicateCheck(actor, body);
    note.details = { criteria: { nameKana: body.nameKana, nameKanji: body.nameKanji ?? null, birthDate: body.birthDate ?? null }, candidateIds: candidates.map((c) => c.id) };
    return { candidates };
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('person.create', 'person')
  @ApiOkResponse({ type: PersonView })
  @ApiConflictResponse({ description: 'type `duplicate`: likely duplicates in `candidates`; send `createAnyway: true` to register anyway' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto, @AuditNoteParam() note: AuditNote): Promise<PersonView> {
    return this.persons.create(actor, body, note);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('person.read', 'person')
  @ApiOkResponse({ type: PersonView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PersonView> {
    return this.persons.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('person.update', 'person')
  @ApiOkResponse({ type: PersonView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePersonDto): Promise<PersonView> {
    return this.persons.update(actor, id, body);
  }

  @Post(':id/links')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('person.link', 'person')
  @ApiOkResponse({ type: PersonView })
  link(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: LinkPersonDto, @AuditNoteParam() note: AuditNote): Promise<PersonView> {
    return this.links.link(actor, id, body, note);
  }

  @Post(':id/links/:linkId/unlink')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('person.unlink', 'person')
  @ApiOkResponse({ type: PersonView })
  unlink(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
    @Body() body: UnlinkPersonDto,
    @AuditNoteParam() note: AuditNote,
  ): Promise<PersonView> {
    return this.links.unlink(actor, id, linkId, body, note);
  }
}

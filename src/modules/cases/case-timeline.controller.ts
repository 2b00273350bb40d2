import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { CaseTimelineService } from './case-timeline.service';
import { CaseNoteView, CorrectCaseNoteDto, CreateCaseNoteDto, TimelineEntry, TimelineQuery } from './dto/timeline.dto';

/** 経過記録: the notes of a case and the merged timeline of everything attached to it. */
@ApiTags('cases')
@Controller('cases/:id')
export class CaseTimelineController {
  constructor(private readonly timeline: CaseTimelineService) {}

  @Get('timeline')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.timeline_read', 'case')
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQuery): Promise<Page<TimelineEntry>> {
    return this.timeline.timeline(actor, id, query);
  }

  @Post('notes')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.note_create', 'case')
  @ApiOkResponse({ type: CaseNoteView })
  addNote(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateCaseNoteDto, @AuditNoteParam() note: AuditNote): Promise<CaseNoteView> {
    return this.timeline.addNote(actor, id, body, note);
  }

  @Get('notes/:noteId')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.note_read', 'case')
  @ApiOkResponse({ type: CaseNoteView })
  getNote(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @AuditNoteParam() note: AuditNote,
  ): Promise<CaseNoteView> {
    return this.timeline.getNote(actor, id, noteId, note);
  }

  @Post('notes/:noteId/corrections')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.note_correct', 'case')
  @ApiOkResponse({ type: CaseNoteView, description: 'The correction, a new note linked to the one it corrects' })
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Body() body: CorrectCaseNoteDto,
    @AuditNoteParam() note: AuditNote,
  ): Promise<CaseNoteView> {
    return this.timeline.correctNote(actor, id, noteId, body, note);
  }
}

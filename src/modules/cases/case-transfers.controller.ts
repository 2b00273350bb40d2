import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { CaseTransfersService } from './case-transfers.service';
import { AcceptTransferDto, CaseTransferView, DeclineTransferDto, ListTransfersQuery, RequestTransferDto } from './dto/case.dto';

/** 移管: a case offered to another office when the family moves, accepted or declined by that office's supervisor. */
@ApiTags('case-transfers')
@Controller()
export class CaseTransfersController {
  constructor(private readonly transfers: CaseTransfersService) {}

  @Post('cases/:id/transfers')
  @Roles(Role.Supervisor)
  @Audited('case_transfer.request', 'case_transfer', { idParam: 'none' })
  @ApiOkResponse({ type: CaseTransferView })
  request(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RequestTransferDto, @AuditNoteParam() note: AuditNote): Promise<CaseTransferView> {
    return this.transfers.request(actor, id, body, note);
  }

  @Get('case-transfers')
  @Roles(Role.Supervisor)
  @Audited('case_transfer.list', 'case_transfer', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListTransfersQuery): Promise<Page<CaseTransferView>> {
    return this.transfers.list(actor, query);
  }

  @Get('case-transfers/:id')
  @Roles(Role.Supervisor)
  @Audited('case_transfer.read', 'case_transfer')
  @ApiOkResponse({ type: CaseTransferView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseTransferView> {
    return this.transfers.get(actor, id);
  }

  @Post('case-transfers/:id/accept')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case_transfer.accept', 'case_transfer')
  @ApiOkResponse({ type: CaseTransferView })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptTransferDto, @AuditNoteParam() note: AuditNote): Promise<CaseTransferView> {
    return this.transfers.accept(actor, id, body, note);
  }

  @Post('case-transfers/:id/decline')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case_transfer.decline', 'case_transfer')
  @ApiOkResponse({ type: CaseTransferView })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineTransferDto, @AuditNoteParam() note: AuditNote): Promise<CaseTransferView> {
    return this.transfers.decline(actor, id, body, note);
  }

  @Post('case-transfers/:id/cancel')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case_transfer.cancel', 'case_transfer')
  @ApiOkResponse({ type: CaseTransferView })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineTransferDto, @AuditNoteParam() note: AuditNote): Promise<CaseTransferView> {
    return this.transfers.cancel(actor, id, body, note);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page, PageQuery } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import {
  AcceptReferralDto,
  CloseReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ListReferralsQuery,
  MeasuresQuery,
  PostCommentDto,
  ReasonDto,
  ReferralCommentDto,
  ReturnReferralDto,
  SendReferralDto,
  UpdateReferralDto,
} from './dto/referral.dto';
import { ReferralCommentView, ReferralEventView, ReferralListItem, ReferralView, ReviewQueueItem } from './dto/referral.view';
import { ReferralDocumentService } from './document/referral-document.service';
import { REFERRAL_DOCUMENT_CSP } from './document/referral-document';
import { ReferralAction } from './referral.enums';
import { ReferralMeasures, ReferralsService } from './referrals.service';

const STAFF = [Role.Consultant, Role.Supervisor] as const;
const STAFF_AND_LIAISON = [Role.Consultant, Role.Supervisor, Role.Liaison] as const;

/**
 * 送致 (児童福祉法 第25条の7): drafting by the case's workers, review by a
 * supervisor of the office, sending to the centre and recording its answer.
 */
@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService, private readonly documents: ReferralDocumentService) {}

  @Get()
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.list', 'referral', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery): Promise<Page<ReferralListItem>> {
    return this.referrals.list(actor, query);
  }

  @Post()
  @Roles(...STAFF)
  @Audited('referral.create', 'referral')
  @ApiOkResponse({ type: ReferralView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReferralDto, @AuditNoteParam() note: AuditNote): Promise<ReferralView> {
    note.related = [{ resourceType: 'case', resourceId: body.caseId, action: 'case.referral_drafted' }];
    return this.referrals.create(actor, body);
  }

  @Get('review-queue')
  @Roles(Role.Supervisor)
  @Audited('referral.review_queue', 'referral')
  review(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<ReviewQueueItem>> {
    return this.referrals.reviewQueue(actor, query);
  }

  @Get('measures')
  @Roles(Role.Supervisor, Role.Liaison)
  @Audited('referral.measures', null, { recordQuery: true })
  measures(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery): Promise<ReferralMeasures> {
    return this.referrals.measures(actor, query);
  }

  @Get(':id')
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.read', 'referral')
  @ApiOkResponse({ type: ReferralView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReferralView> {
    return this.referrals.get(actor, id);
  }

  @Patch(':id')
  @Roles(...STAFF)
  @Audited('referral.update', 'referral')
  @ApiOkResponse({ type: ReferralView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateReferralDto): Promise<ReferralView> {
    return this.referrals.update(actor, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('referral.submit', 'referral')
  @ApiOkResponse({ type: ReferralView })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReferralCommentDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Submit, body });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('referral.approve', 'referral')
  @ApiOkResponse({ type: ReferralView })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReferralCommentDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Approve, body });
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('referral.return', 'referral')
  @ApiOkResponse({ type: ReferralView })
  return(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnReferralDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Return, body });
  }

  @Post(':id/revise')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('referral.revise', 'referral')
  @ApiOkResponse({ type: ReferralView })
  revise(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReferralCommentDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Revise, body });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('referral.withdraw', 'referral')
  @ApiOkResponse({ type: ReferralView })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Withdraw, body });
  }

  @Post(':id/send')
  @HttpCode(200)
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.send', 'referral')
  @ApiOkResponse({ type: ReferralView })
  send(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SendReferralDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Send, body });
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.accept', 'referral')
  @ApiOkResponse({ type: ReferralView })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptReferralDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Accept, body });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.decline', 'referral')
  @ApiOkResponse({ type: ReferralView })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineReferralDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Decline, body });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('referral.close', 'referral')
  @ApiOkResponse({ type: ReferralView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CloseReferralDto): Promise<ReferralView> {
    return this.referrals.transition(actor, id, { action: ReferralAction.Close, body });
  }

  @Get(':id/history')
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.history', 'referral')
  @ApiOkResponse({ type: [ReferralEventView] })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<{ items: ReferralEventView[] }> {
    return this.referrals.history(actor, id);
  }

  @Get(':id/comments')
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.comments', 'referral')
  @ApiOkResponse({ type: [ReferralCommentView] })
  comments(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<{ items: ReferralCommentView[] }> {
    return this.referrals.comments(actor, id);
  }

  @Post(':id/comments')
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.comment', 'referral')
  @ApiOkResponse({ type: ReferralCommentView })
  async comment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: PostCommentDto): Promise<ReferralCommentView> {
    return this.referrals.addComment(actor, id, body.body);
  }

  /** 送致書: printable A4 HTML of an approved (or later) referral; every production is audited. */
  @Get(':id/document')
  @Roles(...STAFF_AND_LIAISON)
  @Audited('referral.document', 'referral')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: '送致書 (text/html, A4 print styles)' })
  async document(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply, @AuditNoteParam() note: AuditNote): Promise<string> {
    const { html, state } = await this.documents.produce(actor, id);
    note.details = { state, format: 'html' };
    void reply.header('content-type', 'text/html; charset=utf-8');
    void reply.header('content-security-policy', REFERRAL_DOCUMENT_CSP);
    void reply.header('content-disposition', `inline; filename="referral-${id}.html"`);
    return html;
  }
}

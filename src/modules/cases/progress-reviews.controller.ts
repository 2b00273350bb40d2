import { Body, Controller, Get, Param, ParseEnumPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page, PageQuery } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam, NotAudited } from '../audit/audited.decorator';
import { ProgressReviewView, RecordProgressReviewDto, ReviewIntervalView, UpdateReviewIntervalDto } from './dto/progress-review.dto';
import { SupportLevel } from './entities/case.entity';
import { ProgressReviewsService } from './progress-reviews.service';

/** 進行管理: reviews of a case, and the review interval per support level (configuration). */
@ApiTags('progress-reviews')
@Controller()
export class ProgressReviewsController {
  constructor(private readonly reviews: ProgressReviewsService) {}

  @Get('cases/:id/progress-reviews')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.progress_review_list', 'case')
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery): Promise<Page<ProgressReviewView>> {
    return this.reviews.list(actor, id, query);
  }

  @Post('cases/:id/progress-reviews')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.progress_review_record', 'case')
  @ApiOkResponse({ type: ProgressReviewView })
  record(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordProgressReviewDto, @AuditNoteParam() note: AuditNote): Promise<ProgressReviewView> {
    return this.reviews.record(actor, id, body, note);
  }

  @Get('progress-review-intervals')
  @Roles(Role.Admin, Role.Supervisor, Role.Consultant)
  @NotAudited('configuration (months per support level); no case data')
  @ApiOkResponse({ type: [ReviewIntervalView] })
  intervals(): Promise<ReviewIntervalView[]> {
    return this.reviews.intervals();
  }

  @Patch('progress-review-intervals/:supportLevel')
  @Roles(Role.Admin)
  @Audited('progress_review_interval.update', 'progress_review_interval', { idParam: 'supportLevel' })
  @ApiOkResponse({ type: ReviewIntervalView })
  updateInterval(
    @CurrentActor() actor: Actor,
    // Typed string: an enum-typed parameter would make the global pipe treat the enum object as a DTO class.
    @Param('supportLevel', new ParseEnumPipe(SupportLevel)) supportLevel: string,
    @Body() body: UpdateReviewIntervalDto,
  ): Promise<ReviewIntervalView> {
    return this.reviews.updateInterval(actor, supportLevel as SupportLevel, body);
  }
}

import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { PregnancyNotificationView } from '../pregnancy-notifications/dto/pregnancy-notification.dto';
import { ConfirmSpecifiedDto, DeclineSpecifiedDto, SpecifiedConfirmation } from './dto/pregnancy-interview.dto';
import { SpecifiedExpectantMotherService } from './specified-expectant-mother.service';

/** 特定妊婦の判定: actions on a 妊娠届 whose interview made it a candidate. */
@ApiTags('pregnancy-notifications')
@Controller('pregnancy-notifications')
export class SpecifiedExpectantMotherController {
  constructor(private readonly specified: SpecifiedExpectantMotherService) {}

  @Post(':id/confirm-specified')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('pregnancy_notification.confirm_specified', 'pregnancy_notification')
  @ApiOkResponse({ type: SpecifiedConfirmation })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConfirmSpecifiedDto, @AuditNoteParam() note: AuditNote): Promise<SpecifiedConfirmation> {
    return this.specified.confirm(actor, id, body, note);
  }

  @Post(':id/decline-specified')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('pregnancy_notification.decline_specified', 'pregnancy_notification')
  @ApiOkResponse({ type: PregnancyNotificationView })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineSpecifiedDto, @AuditNoteParam() note: AuditNote): Promise<PregnancyNotificationView> {
    return this.specified.decline(actor, id, body, note);
  }
}

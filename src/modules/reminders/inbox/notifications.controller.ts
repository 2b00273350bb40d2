import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../common/auth/actor';
import { AnyRole, CurrentActor } from '../../../common/auth/decorators';
import { NotAudited } from '../../audit/audited.decorator';
import { ListNotificationsQuery, NotificationPage, NotificationView, ReadAllResult } from './notification.dto';
import { NotificationsService } from './notifications.service';

const OWN_INBOX = "the caller's own inbox: record references and short labels without case content; polled often";

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyRole()
  @NotAudited(OWN_INBOX)
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @AnyRole()
  @NotAudited(OWN_INBOX)
  @ApiOkResponse({ type: ReadAllResult })
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResult> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @AnyRole()
  @NotAudited(OWN_INBOX)
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }
}

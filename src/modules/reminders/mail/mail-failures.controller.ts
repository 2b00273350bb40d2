import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../common/auth/decorators';
import { Role } from '../../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../../../common/pagination/keyset';
import { sqlRows } from '../../../database/sql';
import { Audited } from '../../audit/audited.decorator';

export class MailFailureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() loginId!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) failedAt!: Date;
}

interface Row {
  id: string;
  user_id: string;
  login_id: string;
  notification_id: string;
  rule: string;
  subject_type: string;
  subject_id: string;
  attempts: number;
  last_error: string | null;
  failed_at: Date;
  failed_key: string;
}

/** Reminder e-mails that failed after every retry, newest first: admins fix addresses or the mail server. */
@ApiTags('admin')
@Controller('admin/mail-failures')
export class MailFailuresController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles(Role.Admin)
  @Audited('mail_failure.list', 'mail_delivery')
  @ApiOkResponse({ description: 'Page of MailFailureView' })
  async list(@Query() query: PageQuery): Promise<Page<MailFailureView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const rows = await sqlRows<Row>(
      this.dataSource,
      `SELECT md.id, md.user_id, u.login_id, md.notification_id, n.rule, n.subject_type, n.subject_id, md.attempts, md.last_error, md.failed_at,
              md.failed_at::text AS failed_key
       FROM mail_deliveries md JOIN users u ON u.id = md.user_id JOIN notifications n ON n.id = md.notification_id
       WHERE md.state = 'failed' AND ($1::timestamptz IS NULL OR (md.failed_at, md.id) < ($1, $2::uuid))
       ORDER BY md.failed_at DESC, md.id DESC LIMIT ${limit + 1}`,
      [after?.[0] ?? null, after?.[1] ?? null],
    );
    const page = toPage(rows, limit, (row) => [row.failed_key, row.id]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        id: row.id,
        userId: row.user_id,
        loginId: row.login_id,
        notificationId: row.notification_id,
        rule: row.rule,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        attempts: row.attempts,
        lastError: row.last_error,
        failedAt: row.failed_at,
      })),
    };
  }
}

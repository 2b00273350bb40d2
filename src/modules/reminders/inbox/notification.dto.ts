import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { QueryBoolean } from '../../../common/http/query-boolean';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true = unread only' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unreadOnly?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reminderId!: string;
  @ApiProperty({ example: 'watch_visit.due' }) rule!: string;
  @ApiProperty({ example: 'watch_visit_plan' }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ example: '見守り訪問の予定日です' }) title!: string;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ description: 'Unread notifications of the caller, all pages' }) unreadCount!: number;
}

export class ReadAllResult {
  @ApiProperty() marked!: number;
}

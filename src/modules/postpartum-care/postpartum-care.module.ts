import { Module } from '@nestjs/common';
import { PregnancyNotificationsModule } from '../pregnancy-notifications/pregnancy-notifications.module';
import { PostpartumCareController } from './postpartum-care.controller';
import { PostpartumCareService } from './postpartum-care.service';
import { PostpartumReminders } from './postpartum-reminders';

@Module({
  imports: [PregnancyNotificationsModule],
  controllers: [PostpartumCareController],
  providers: [PostpartumCareService, PostpartumReminders],
})
export class PostpartumCareModule {}

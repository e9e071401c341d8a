import { Module } from '@nestjs/common';
import { StubsModule } from '../stubs/stubs.module';
import { DueSoonJob } from './due-soon.job';
import { EmailSender } from './email.sender';
import { NotificationPlanner } from './notification-planner.service';
import { ResetCodeChannelModule } from './reset-code.channel';
import { SmsSender } from './sms.sender';

@Module({
  imports: [StubsModule, ResetCodeChannelModule],
  providers: [NotificationPlanner, EmailSender, SmsSender, DueSoonJob],
  exports: [NotificationPlanner, DueSoonJob],
})
export class NotificationsModule {}

import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { SlipsController } from './slips.controller';
import { SlipsService } from './slips.service';

/** The one-stop shop's slips (phiếu): receipt, supplement request, refusal, apology, control sheet. */
@Module({
  imports: [WorkflowModule],
  controllers: [SlipsController],
  providers: [SlipsService],
})
export class SlipsModule {}

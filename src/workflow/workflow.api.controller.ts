import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { DossierActionDto } from './dto/dossier-action.dto';
import { WorkflowService } from './workflow.service';

@ApiTags('dossiers')
@Controller('api/v1/dossiers')
export class WorkflowApiController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post(':code/actions')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Thực hiện một thao tác xử lý hồ sơ (tiếp nhận, phân công, phê duyệt, trả kết quả…)' })
  act(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: DossierActionDto) {
    return this.workflow.transition(user, code, body.action, body);
  }
}

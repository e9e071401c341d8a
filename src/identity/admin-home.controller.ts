import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { Authenticated, CurrentUser } from './auth.decorators';
import { ADMIN_MENU, RouteGatesService } from './route-gates.service';

/** Quản trị: the administrator's home after sign-in, listing the administration pages their role may open. */
@ApiExcludeController()
@Controller('quan-tri')
@Authenticated('ADMIN')
export class AdminHomeController {
  constructor(private readonly gates: RouteGatesService) {}

  @Get()
  @Render('admin/home')
  async home(@CurrentUser() user: AuthUser) {
    return { title: 'Quản trị hệ thống', areas: await this.gates.allowed(user, ADMIN_MENU) };
  }
}

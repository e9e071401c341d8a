import { Body, Controller, Get, HttpCode, HttpException, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { CreateStaffDto, StaffListQuery } from './dto/staff.dto';
import { fieldMap, formString, validateForm } from './form-validation';
import { StaffAdminService } from './staff-admin.service';
import { STAFF_ROLES } from './user.entity';

/** Pages: /quan-tri/can-bo — staff accounts of the administrator's scope. */
@ApiExcludeController()
@Controller('quan-tri/can-bo')
@Authenticated('ADMIN')
export class StaffAdminController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  @Render('admin/staff-list')
  async list(@CurrentUser() user: AuthUser, @Query() q: StaffListQuery, @Query('da-dat-lai') reset: unknown) {
    const page = q.page ? Number(q.page) : 1;
    const [result, agencies] = await Promise.all([this.staff.list(user, { agencyCode: q.agencyCode, q: q.q, page }), this.staff.agencies(user)]);
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const qs = (p: number) => new URLSearchParams({ ...(q.agencyCode ? { agencyCode: q.agencyCode } : {}), ...(q.q ? { q: q.q } : {}), page: String(p) }).toString();
    return {
      title: 'Quản lý tài khoản cán bộ',
      query: q,
      result,
      agencies,
      pages,
      prevHref: page > 1 ? `/quan-tri/can-bo?${qs(page - 1)}` : null,
      nextHref: page < pages ? `/quan-tri/can-bo?${qs(page + 1)}` : null,
      notice: typeof reset === 'string' ? 'Đã cập nhật tài khoản.' : null,
    };
  }

  @Get('moi')
  @Render('admin/staff-new')
  async newForm(@CurrentUser() user: AuthUser) {
    return { title: 'Thêm tài khoản cán bộ', agencies: await this.staff.agencies(user), roles: STAFF_ROLES, values: {} };
  }

  @Post()
  async create(@CurrentUser() user: AuthUser, @Body() body: unknown, @Res() res: Response) {
    const values = {
      username: formString(body, 'username', 64),
      fullName: formString(body, 'fullName', 100),
      role: formString(body, 'role', 12),
      agencyCode: formString(body, 'agencyCode', 24),
    };
    const rerender = async (status: number, errors: { field: string; message: string }[]) =>
      res.status(status).render('admin/staff-new', {
        title: 'Thêm tài khoản cán bộ',
        agencies: await this.staff.agencies(user),
        roles: STAFF_ROLES,
        values,
        errors,
        fe: fieldMap(errors),
      });
    const { value, errors } = await validateForm(CreateStaffDto, body);
    if (errors.length) return rerender(400, errors);
    try {
      await this.staff.create(user, value);
    } catch (err) {
      if (err instanceof HttpException && [409, 422].includes(err.getStatus())) {
        return rerender(err.getStatus(), [{ field: err.getStatus() === 409 ? 'username' : 'agencyCode', message: err.message }]);
      }
      throw err;
    }
    return res.redirect(303, `/quan-tri/can-bo?agencyCode=${encodeURIComponent(value.agencyCode)}`);
  }

  @Post(':id/vo-hieu-hoa')
  async disable(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    await this.staff.setDisabled(user, id, true);
    res.redirect(303, '/quan-tri/can-bo?da-dat-lai=1');
  }

  @Post(':id/kich-hoat')
  async enable(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response) {
    await this.staff.setDisabled(user, id, false);
    res.redirect(303, '/quan-tri/can-bo?da-dat-lai=1');
  }

  @Post(':id/dat-lai-mat-khau')
  @HttpCode(200)
  @Render('admin/staff-reset')
  async reset(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    const r = await this.staff.resetPassword(user, id);
    return { title: 'Đã đặt lại mật khẩu', ...r };
  }
}

/** JSON API for the same operations. */
@ApiTags('admin')
@Controller('api/v1/admin/staff')
@Authenticated('ADMIN')
export class StaffAdminApiController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: StaffListQuery) {
    return this.staff.list(user, { agencyCode: q.agencyCode, q: q.q, page: q.page ? Number(q.page) : 1 });
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateStaffDto) {
    return this.staff.create(user, dto);
  }

  @Post(':id/disable')
  @HttpCode(204)
  async disable(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.staff.setDisabled(user, id, true);
  }

  @Post(':id/enable')
  @HttpCode(204)
  async enable(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.staff.setDisabled(user, id, false);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  reset(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.staff.resetPassword(user, id);
  }
}

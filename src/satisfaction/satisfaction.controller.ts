import { Body, Controller, Get, HttpCode, HttpException, Param, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../identity/auth-user';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import { SATISFACTION_SCALE, SatisfactionService } from './satisfaction.service';

@ApiTags('Đánh giá hài lòng')
@Controller('api/v1/dossiers/:code/satisfaction')
@Authenticated('CITIZEN')
export class SatisfactionApiController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Get()
  @ApiOperation({ summary: 'Đánh giá của công dân cho hồ sơ (null nếu chưa đánh giá)' })
  async get(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const r = await this.satisfaction.get(user, code);
    return { code: r.dossier.code, canRate: r.canRate, rating: r.rating };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Đánh giá mức độ hài lòng sau khi nhận kết quả',
    description: `Body {rating: ${SATISFACTION_SCALE.map((s) => `${s.key} (${s.value}, ${s.label})`).join(' | ')}, comment?}. 422 nếu hồ sơ chưa trả kết quả, 409 nếu đã đánh giá.`,
  })
  async rate(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: { rating?: unknown; comment?: unknown }) {
    const r = await this.satisfaction.rate(user, code, body?.rating, body?.comment);
    return { code: r.dossier.code, canRate: r.canRate, rating: r.rating };
  }
}

@ApiExcludeController()
@Controller('danh-gia')
@Authenticated('CITIZEN')
export class SatisfactionPageController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  private view(code: string, r: Awaited<ReturnType<SatisfactionService['get']>>, extra: Record<string, unknown> = {}) {
    return {
      title: `Đánh giá mức độ hài lòng — hồ sơ ${code}`,
      code,
      rating: r.rating ? { ...r.rating, label: SATISFACTION_SCALE.find((s) => s.value === r.rating!.value)!.label } : null,
      canRate: r.canRate,
      scale: SATISFACTION_SCALE.map((s) => ({ ...s, checked: String(extra.selected ?? '') === String(s.value) })),
      ...extra,
    };
  }

  @Get(':code')
  @Render('satisfaction/rate')
  async form(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.view(code, await this.satisfaction.get(user, code));
  }

  @Post(':code')
  async submit(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    try {
      await this.satisfaction.rate(user, code, body.rating, body.comment);
      return res.redirect(303, `/danh-gia/${encodeURIComponent(code)}?cam-on=1`);
    } catch (e) {
      if (e instanceof HttpException && (e.getStatus() === 422 || e.getStatus() === 409)) {
        const resp = e.getResponse() as { message?: string; details?: { field: string; message: string }[] };
        const errors = resp.details ?? [{ field: 'rating', message: resp.message ?? e.message }];
        const current = await this.satisfaction.get(user, code);
        return res.status(e.getStatus()).render('satisfaction/rate', this.view(code, current, { errors, selected: body.rating, comment: body.comment }));
      }
      throw e;
    }
  }
}

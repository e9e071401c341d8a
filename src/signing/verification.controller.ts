import { Body, Controller, Get, HttpCode, HttpException, Post, Query, Render, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UploadInterceptor, type UploadedPart } from '../files/upload.interceptor';
import { VerificationService } from './verification.service';

/** Public: anyone may check a signed result (page /xac-thuc, API /api/v1/verify). */
@ApiTags('verify')
@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get('xac-thuc')
  @Render('verify/index')
  async page(@Query('ma') code?: string) {
    if (!code) return { title: 'Xác thực kết quả giải quyết thủ tục hành chính', form: {} };
    try {
      return { title: 'Kết quả xác thực', result: await this.verification.byCode(code), form: { ma: code } };
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      return { title: 'Xác thực kết quả', errors: [{ field: 'ma', message: e.message }], form: { ma: code } };
    }
  }

  @Post('xac-thuc')
  @UseInterceptors(UploadInterceptor('single'))
  async upload(@Req() req: Request & { file?: UploadedPart }, @Res() res: Response) {
    try {
      const result = await this.verification.byFile(req.file?.buffer);
      return res.render('verify/index', { title: 'Kết quả xác thực', result, form: {} });
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      return res.status(e.getStatus()).render('verify/index', { title: 'Xác thực kết quả', errors: [{ field: 'file', message: e.message }], form: {} });
    }
  }

  @Post('api/v1/verify')
  @HttpCode(200)
  @UseInterceptors(UploadInterceptor('single'))
  @ApiOperation({ summary: 'Xác thực tệp PDF kết quả (chữ ký số và bản đã cấp)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  verifyFile(@Req() req: Request & { file?: UploadedPart }) {
    return this.verification.byFile(req.file?.buffer);
  }

  @Get('api/v1/verify')
  @ApiOperation({ summary: 'Xác thực theo mã in trên văn bản' })
  verifyCode(@Query('code') code: string) {
    return this.verification.byCode(code);
  }
}

import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { FilesService } from './files.service';
import { UploadInterceptor, type UploadedPart } from './upload.interceptor';

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name. */
export function attachmentHeader(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('files')
@Controller('api/v1/files')
export class FilesApiController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(201)
  @Authenticated()
  @UseInterceptors(UploadInterceptor('single'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiCreatedResponse({
    description:
      '{id, name, mimeType, size, sha256} of what is stored: PDFs as sent, JPEG/PNG re-encoded without metadata. PDF, JPEG or PNG by content; ' +
      '413 over the size limit; 422 with details.reason for other types, empty files, PDFs with active content or foreign data, images over the pixel limit, ' +
      'polyglots and viruses; 503 when the configured virus scanner is down.',
  })
  upload(@CurrentUser() user: AuthUser, @Req() req: Request & { file?: UploadedPart }) {
    return this.files.upload({ userId: user.id, personalId: user.personalId }, req.file);
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'The caller\'s document store: earlier uploads and results issued to them.' })
  async mine(@CurrentUser() user: AuthUser) {
    return { items: await this.files.documentStore(user) };
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({
    description:
      'The file as a download (owner, or staff allowed to see a dossier holding it); 404 otherwise. ' +
      'With ?xem=1 a PDF or image is sent inline, to be shown in a frame or an image of this site\'s pages.',
  })
  async download(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('xem') view: string | undefined, @Res() res: Response) {
    const { file, content } = await this.files.download(user, id);
    const inline = view === '1' && (file.mimeType === 'application/pdf' || file.mimeType.startsWith('image/'));
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Content-Disposition', inline ? attachmentHeader(file.name).replace(/^attachment/, 'inline') : attachmentHeader(file.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Inline PDFs are framed by our own pages only; a browser's PDF viewer refuses a sandboxed document
    // (uploaded PDFs were screened for active content). Everything else stays sandboxed.
    res.setHeader('Content-Security-Policy', inline && file.mimeType === 'application/pdf' ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; sandbox; frame-ancestors 'self'");
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(content);
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { DossiersService } from './dossiers.service';
import { CreateDossierDto } from './dto/create-dossier.dto';
import { ListDossiersQuery, LookupQuery } from './dto/list-dossiers.query';
import { LookupThrottle } from './lookup-throttle';
import { PrefillService } from './prefill.service';
import { SubmissionService } from './submission.service';

@ApiTags('dossiers')
@Controller('api/v1')
export class DossiersApiController {
  constructor(
    private readonly prefill: PrefillService,
    private readonly submissions: SubmissionService,
    private readonly dossiers: DossiersService,
    private readonly throttle: LookupThrottle,
  ) {}

  @Get('procedures/:code/prefill')
  @Authenticated('CITIZEN')
  @ApiOkResponse({
    description:
      '{fields: {key: {value, source: REGISTRY|HISTORY|DOCUMENT_STORE, locked, fetchedAt, hash}}, documents: {documentKey: {value: [fileId], source: DOCUMENT_STORE}}, registryAvailable}',
  })
  async getPrefill(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const r = await this.prefill.forProcedureCode(user, code);
    return { fields: r.fields, documents: r.documents, registryAvailable: r.registryAvailable };
  }

  @Post('dossiers')
  @HttpCode(201)
  @Authenticated('CITIZEN')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Recommended. 1–64 characters [A-Za-z0-9._:-]. The same key from the same citizen always yields the same dossier: the first call ' +
      'creates it (201), a retry returns the same dossier with the same body (201, header Idempotent-Replayed: true). The request body of a retry is not compared.',
  })
  @ApiCreatedResponse({ description: 'The dossier (as GET /api/v1/dossiers/{code}). 422 with details[{field, message}] when the form breaks a rule or a locked registry value was changed; 503 when the registry cannot re-check it.' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateDossierDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.submissions.submit(user, { userId: user.id, personalId: user.personalId!, fullName: user.fullName }, 'ONLINE', {
      ...body,
      idempotencyKey: key,
    });
    if (!result.created) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/api/v1/dossiers/${encodeURIComponent(result.code)}`);
    return result.view ?? this.dossiers.getOwn(user, result.code);
  }

  @Get('dossiers')
  @Authenticated()
  @ApiOkResponse({ description: '{items, total, page, pageSize}: a citizen\'s own dossiers, or a staff member\'s queue within their agency scope.' })
  list(@CurrentUser() user: AuthUser, @Query() q: ListDossiersQuery) {
    return this.dossiers.list(user, {
      status: q.status,
      overdue: q.overdue,
      procedureCode: q.procedureCode,
      agencyCode: q.agencyCode,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    });
  }

  @Get('dossiers/:code')
  @Authenticated()
  @ApiOkResponse({ description: 'The dossier with events[]; 404 when it does not exist or is not visible to the caller. Staff reads are logged for the citizen.' })
  get(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.dossiers.get(user, code);
  }

  @Get('lookup')
  @ApiOkResponse({ description: '{code, procedureName, status, dueAt} only; 404 when code and the last 4 digits do not match.' })
  @ApiTooManyRequestsResponse({ description: 'More than 10 lookups per minute from one IP.' })
  async lookup(@Query() q: LookupQuery, @Req() req: Request) {
    await this.throttle.hit(req.ip ?? 'unknown');
    return this.dossiers.lookup(q.code ?? '', q.idLast4 ?? '');
  }
}

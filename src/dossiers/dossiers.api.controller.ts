import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, CurrentUser } from '../identity/auth.decorators';
import type { AuthUser } from '../identity/auth-user';
import { DossiersService } from './dossiers.service';
import { ListDossiersQuery, LookupQuery } from './dto/list-dossiers.query';
import { LookupThrottle } from './lookup-throttle';

@ApiTags('dossiers')
@Controller('api/v1')
/** Reading dossiers: a citizen's own or a staff member's queue, one dossier, the public status lookup. */
export class DossiersApiController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly throttle: LookupThrottle,
  ) {}

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

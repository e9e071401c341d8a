import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CatalogService } from './catalog.service';
import { ProceduresQuery } from './dto/procedures.query';

@ApiTags('catalog')
@Controller('api/v1/procedures')
export class CatalogApiController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  search(@Query() q: ProceduresQuery) {
    return this.catalog.search(q);
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.catalog.get(code);
  }
}

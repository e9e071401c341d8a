import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AgenciesQuery, UnitsQuery } from './dto/units.query';
import { UnitsService } from './units.service';

@ApiTags('organisation')
@Controller('api/v1')
export class UnitsApiController {
  constructor(private readonly units: UnitsService) {}

  @Get('units')
  @ApiOkResponse({ description: 'Đơn vị hành chính: {code, name, type, level, parentCode}[]' })
  listUnits(@Query() q: UnitsQuery) {
    return this.units.listUnits(q);
  }

  @Get('agencies')
  @ApiOkResponse({ description: 'Cơ quan: {code, name, unitCode, level, kind}[]' })
  listAgencies(@Query() q: AgenciesQuery) {
    return this.units.listAgencies(q);
  }
}

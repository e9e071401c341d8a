import { Controller, Get, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UnitsService } from './units.service';

@ApiExcludeController()
@Controller('don-vi')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Render('units/index')
  async index() {
    return { title: 'Đơn vị hành chính và cơ quan', ...(await this.units.directory()) };
  }

  @Get(':code')
  @Render('units/show')
  async show(@Param('code') code: string) {
    const unit = await this.units.getUnit(code.slice(0, 8));
    const [agencies, children] = await Promise.all([
      this.units.listAgencies({ unitCode: unit.code }),
      this.units.listUnits({ parentCode: unit.code }),
    ]);
    return { title: unit.name, unit, agencies, children };
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { UNIT_LEVELS, type UnitLevel } from '../administrative-unit.entity';

export class UnitsQuery {
  @ApiPropertyOptional({ description: 'Mã đơn vị cha (tỉnh 2 số, huyện 3 số)' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'parentCode phải là mã đơn vị hành chính (2 đến 5 chữ số)' })
  parentCode?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS, { message: 'level phải là PROVINCE, DISTRICT hoặc COMMUNE' })
  level?: UnitLevel;
}

export class AgenciesQuery {
  @ApiPropertyOptional({ description: 'Mã đơn vị hành chính nơi cơ quan đặt trụ sở' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'unitCode phải là mã đơn vị hành chính (2 đến 5 chữ số)' })
  unitCode?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS, { message: 'level phải là PROVINCE, DISTRICT hoặc COMMUNE' })
  level?: UnitLevel;
}

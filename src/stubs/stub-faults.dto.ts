import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class StubFaultsDto {
  @ApiPropertyOptional({ description: 'Trả lời 503 cho mọi yêu cầu' })
  @IsOptional()
  @IsBoolean()
  down?: boolean;

  @ApiPropertyOptional({ description: 'Độ trễ thêm (ms)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120000)
  latencyMs?: number;
}

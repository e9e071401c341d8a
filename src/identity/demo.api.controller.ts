import { Body, Controller, Get, Inject, NotFoundException, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RegistryClient } from '../registry/registry.client';
import { RegistryFaultsService } from '../registry/registry-faults.service';
import { ProvinceAdmin } from './auth.decorators';
import { DemoAccountsService } from './demo-accounts.service';

export class RegistryFaultsDto {
  @IsOptional()
  @IsInt({ message: 'meanLatencyMs phải là số nguyên' })
  @Min(0)
  @Max(60000)
  meanLatencyMs?: number;

  @IsOptional()
  @IsNumber({}, { message: 'failureRate phải là số từ 0 đến 1' })
  @Min(0)
  @Max(1)
  failureRate?: number;

  @IsOptional()
  @IsBoolean({ message: 'outage phải là true hoặc false' })
  outage?: boolean;
}

/** Demo mode only (404 otherwise): every demo account, and the registry fault switches. */
@ApiTags('demo')
@Controller('api/v1/demo')
export class DemoApiController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly demo: DemoAccountsService,
    private readonly faults: RegistryFaultsService,
    private readonly registry: RegistryClient,
  ) {}

  private requireDemo() {
    if (!this.config.demo) throw new NotFoundException('Không tìm thấy');
  }

  @Get('accounts')
  @ApiOperation({ summary: 'Mọi tài khoản dùng thử (chỉ ở chế độ demo)' })
  accounts() {
    this.requireDemo();
    return this.demo.list();
  }

  @Get('registry-faults')
  @ProvinceAdmin()
  registryFaults() {
    this.requireDemo();
    return { ...this.faults.get(), circuit: this.registry.state() };
  }

  @Put('registry-faults')
  @ProvinceAdmin()
  @ApiOperation({ summary: 'Giả lập độ trễ, lỗi hoặc mất kết nối của CSDL dân cư (chỉ ở chế độ demo)' })
  setRegistryFaults(@Body() dto: RegistryFaultsDto) {
    this.requireDemo();
    return { ...this.faults.set(dto), circuit: this.registry.state() };
  }
}

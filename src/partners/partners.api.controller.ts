import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { LOCAL_DAY_DESCRIPTION } from '../common/local-time';
import { PageQuery } from '../common/pagination';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, ProvinceAdmin } from '../identity/auth.decorators';
import { UNIT_LEVELS } from '../units/administrative-unit.entity';
import { parsePeriod } from '../payments/period';
import { PARTNER_SCOPES } from './partner-client.entity';
import { PartnerGuard, PartnerScopeRequired, type PartnerRequest } from './partner.guard';
import { PartnersService } from './partners.service';

export class TokenRequestDto {
  @ApiProperty() @IsString() @MaxLength(60) clientId: string;
  @ApiProperty() @IsString() @MaxLength(200) clientSecret: string;
}

export class TokenResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ description: 'giây' }) expiresIn: number;
  @ApiProperty({ example: 'dossiers:read catalog:read' }) scope: string;
}

export class PartnerDossierDto {
  @ApiProperty() code: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() agencyCode: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;
}

export class CreatePartnerClientDto {
  @ApiProperty({ example: 'Sở Tài chính — hệ thống kế toán' }) @IsString() @MaxLength(200) name: string;
  @ApiProperty({ enum: PARTNER_SCOPES, isArray: true }) @IsArray() @ArrayMaxSize(10) @IsIn(PARTNER_SCOPES, { each: true }) scopes: string[];
  @ApiProperty({ description: 'Cơ quan mà ứng dụng được đọc dữ liệu (kèm các cơ quan trực thuộc)', example: ['026.UBND'], isArray: true, type: String })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[0-9A-Za-z.]{2,24}$/, { each: true })
  agencyCodes: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) ratePerMinute?: number;
  @ApiPropertyOptional({ description: 'Mã ứng dụng tự chọn' }) @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9.-]{2,59}$/) clientId?: string;
}

/** Page and filters of the partner catalog, validated like the public catalog's (no NaN or 1e308 reaches SQL). */
export class PartnerProceduresQuery extends PageQuery {
  @ApiPropertyOptional({ enum: UNIT_LEVELS }) @IsOptional() @IsIn(UNIT_LEVELS, { message: 'level phải là PROVINCE, DISTRICT hoặc COMMUNE' }) level?: string;
  @ApiPropertyOptional({ description: 'Mã lĩnh vực, ví dụ ho-tich' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'sector phải là mã lĩnh vực (chữ thường, số, gạch ngang)' })
  sector?: string;
}

/** Data-sharing API for partner agencies on the provincial platform (LGSP): client credentials, scopes, rate limits, audit. */
@ApiTags('chia sẻ dữ liệu (đối tác)')
@Controller('api/v1/partner')
export class PartnersApiController {
  constructor(private readonly partners: PartnersService, private readonly clock: Clock) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cấp mã truy cập theo client credentials' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ description: 'Sai mã ứng dụng hoặc khóa bí mật' })
  async token(@Body() body: TokenRequestDto, @Ip() ip: string) {
    try {
      const t = await this.partners.issueToken(body.clientId, body.clientSecret, ip);
      await this.partners.audit(null, body.clientId, 'POST', '/api/v1/partner/token', 200, ip);
      return t;
    } catch (err) {
      await this.partners.audit(null, body.clientId, 'POST', '/api/v1/partner/token', (err as { getStatus?: () => number }).getStatus?.() ?? 500, ip);
      throw err;
    }
  }

  @Get('dossiers/:code')
  @UseGuards(PartnerGuard)
  @PartnerScopeRequired('dossiers:read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Tình trạng hồ sơ (phạm vi dossiers:read)' })
  @ApiOkResponse({ type: PartnerDossierDto })
  @ApiTooManyRequestsResponse({ description: 'Vượt giới hạn tần suất của ứng dụng' })
  dossier(@Req() req: PartnerRequest, @Param('code') code: string) {
    return this.partners.dossier(req.partner!, code);
  }

  @Get('dossiers/:code/result')
  @UseGuards(PartnerGuard)
  @PartnerScopeRequired('results:read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Tệp kết quả điện tử đã ký số (PDF, phạm vi results:read)' })
  async result(@Req() req: PartnerRequest, @Param('code') code: string, @Res() res: Response) {
    const r = await this.partners.resultDocument(req.partner!, code);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${r.fileName}"`);
    res.setHeader('x-verification-code', r.verificationCode);
    res.setHeader('x-content-sha256', r.sha256);
    res.send(r.pdf);
  }

  @Get('procedures')
  @UseGuards(PartnerGuard)
  @PartnerScopeRequired('catalog:read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Danh mục thủ tục hành chính (phạm vi catalog:read)' })
  procedures(@Query() q: PartnerProceduresQuery) {
    return this.partners.procedures(q);
  }

  @Get('statistics')
  @UseGuards(PartnerGuard)
  @PartnerScopeRequired('statistics:read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Số liệu hồ sơ theo cơ quan trong kỳ (phạm vi statistics:read)' })
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01', description: `${LOCAL_DAY_DESCRIPTION} Mặc định: ngày đầu tháng.` })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30', description: `${LOCAL_DAY_DESCRIPTION} Mặc định: hôm nay.` })
  @ApiQuery({ name: 'agencyCode', required: false })
  statistics(@Req() req: PartnerRequest, @Query('from') from?: string, @Query('to') to?: string, @Query('agencyCode') agencyCode?: string) {
    const p = parsePeriod(from, to, this.clock.now());
    return this.partners.statistics(req.partner!, p.from, p.to, typeof agencyCode === 'string' ? agencyCode : undefined);
  }
}

/** Partner clients are the province administrators' alone (a client reads data across agencies). */
@ApiTags('chia sẻ dữ liệu (quản trị)')
@Controller('api/v1/admin/partner-clients')
@ProvinceAdmin()
export class PartnerClientsAdminController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @ApiOperation({ summary: 'Tạo ứng dụng đối tác (quản trị viên cấp tỉnh); khóa bí mật chỉ hiển thị một lần' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePartnerClientDto) {
    return this.partners.createClient(user, body);
  }

  @Get()
  list() {
    return this.partners.listClients();
  }

  @Post(':clientId/disable')
  @HttpCode(200)
  async disable(@CurrentUser() user: AuthUser, @Param('clientId') clientId: string) {
    await this.partners.setActive(user, clientId, false);
    return { clientId, active: false };
  }

  @Get('audit')
  @ApiOperation({ summary: 'Nhật ký truy cập API chia sẻ dữ liệu' })
  audit(@Query('clientId') clientId?: string) {
    return this.partners.auditLog(clientId);
  }
}

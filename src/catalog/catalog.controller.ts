import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AGENCY_KIND_LABELS } from '../units/agency-kinds';
import { pageLinks } from '../common/pagination';
import { CatalogService } from './catalog.service';
import { ProceduresQuery } from './dto/procedures.query';

/** A meta description search engines show whole: at most 160 characters, cut at a word. */
function metaDescription(text: string): string {
  if (text.length <= 160) return text;
  return `${text.slice(0, 159).replace(/\s+\S*$/, '')}…`;
}

@ApiExcludeController()
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Render('home/index')
  async home() {
    const [mostUsed, sectors] = await Promise.all([this.catalog.mostUsed(8), this.catalog.sectorsWithCounts()]);
    return {
      title: 'Trang chủ',
      description: 'Tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến, theo dõi tiến độ và nhận kết quả giải quyết tại Cổng Dịch vụ công của tỉnh.',
      mostUsed,
      sectors,
    };
  }

  @Get('thu-tuc')
  @Render('catalog/search')
  async search(@Query() q: ProceduresQuery) {
    const [result, sectors, kinds] = await Promise.all([
      this.catalog.search(q),
      this.catalog.sectorsWithCounts(),
      this.catalog.agencyKinds(),
    ]);
    return {
      title: q.q ? `Tìm thủ tục: ${q.q}` : 'Thủ tục hành chính',
      description: 'Danh mục thủ tục hành chính theo lĩnh vực và cấp thực hiện: hồ sơ cần nộp, thời hạn giải quyết, phí, lệ phí và nộp hồ sơ trực tuyến.',
      query: q,
      result,
      sectors,
      agencyKinds: kinds.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] ?? k })),
      pagination: pageLinks('/thu-tuc', { ...q }, result.page, result.pageSize, result.total),
    };
  }

  @Get('thu-tuc/:code')
  @Render('catalog/show')
  async show(@Param('code') code: string) {
    const procedure = await this.catalog.get(code);
    return {
      title: procedure.name,
      description: metaDescription(`${procedure.name} (lĩnh vực ${procedure.sectorName}): thành phần hồ sơ, trình tự thực hiện, thời hạn giải quyết, phí, lệ phí và kết quả.`),
      procedure,
      agencyKindLabel: AGENCY_KIND_LABELS[procedure.competentAgencyKind] ?? procedure.competentAgencyKind,
      steps: procedure.steps,
    };
  }
}

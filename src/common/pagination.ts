import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page phải là số nguyên' })
  @Min(1, { message: 'page phải lớn hơn hoặc bằng 1' })
  @Max(100000, { message: 'page quá lớn' })
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize phải là số nguyên' })
  @Min(1, { message: 'pageSize phải từ 1 đến 100' })
  @Max(100, { message: 'pageSize phải từ 1 đến 100' })
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageParams(q: PageQuery, defaultSize = 20): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? defaultSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Page links for views: numbers around the current page, with the query string kept. */
export function pageLinks(basePath: string, query: Record<string, unknown>, page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '' && k !== 'page') params.set(k, String(v));
    }
    if (p > 1) params.set('page', String(p));
    const s = params.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const items: { number: number; href: string; current: boolean }[] = [];
  for (let p = Math.max(1, page - 2); p <= Math.min(pages, page + 2); p++) items.push({ number: p, href: href(p), current: p === page });
  return {
    pages,
    total,
    items,
    prev: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
  };
}

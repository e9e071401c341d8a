import { Inject, Injectable } from '@nestjs/common';
import { ReadReplica } from '../database/read-replica';
import type { DataSource } from 'typeorm';

export interface TreeAgency {
  code: string;
  name: string;
  level: string;
  kind: string;
  unitCode: string;
  unitName: string;
  districtCode: string | null;
  parentCode: string | null;
}

/**
 * The agency hierarchy (division → district People's Committee → province People's Committee),
 * cached for a minute. Report scopes are computed from it by ReportsService with the policy's rule.
 */
@Injectable()
export class AgencyTreeService {
  private cache: { at: number; byCode: Map<string, TreeAgency>; children: Map<string, string[]>; roots: string[] } | null = null;

  /** Reads the replica when there is one (agencies change at deploy only). */
  constructor(@Inject(ReadReplica) private readonly ds: Pick<DataSource, 'query'>) {}

  private async load() {
    if (this.cache && Date.now() - this.cache.at < 60_000) return this.cache;
    const rows: TreeAgency[] = await this.ds.query(
      `SELECT a.code, a.name, a.level, a.kind, a.unit_code AS "unitCode", COALESCE(u.name, a.unit_code) AS "unitName",
              a.district_code AS "districtCode", a.parent_code AS "parentCode"
       FROM agencies a LEFT JOIN administrative_units u ON u.code = a.unit_code ORDER BY a.code`,
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const children = new Map<string, string[]>();
    const roots: string[] = [];
    for (const r of rows) {
      if (r.parentCode && byCode.has(r.parentCode)) {
        const list = children.get(r.parentCode) ?? [];
        list.push(r.code);
        children.set(r.parentCode, list);
      } else roots.push(r.code);
    }
    this.cache = { at: Date.now(), byCode, children, roots };
    return this.cache;
  }

  async get(code: string): Promise<TreeAgency | undefined> {
    return (await this.load()).byCode.get(code);
  }

  async all(): Promise<Map<string, TreeAgency>> {
    return (await this.load()).byCode;
  }

  /** The agency and every agency below it. */
  async subtree(code: string): Promise<string[]> {
    const { children } = await this.load();
    const out: string[] = [];
    const stack = [code];
    while (stack.length) {
      const c = stack.pop()!;
      out.push(c);
      for (const k of children.get(c) ?? []) stack.push(k);
    }
    return out;
  }

  async childrenOf(code: string): Promise<string[]> {
    return (await this.load()).children.get(code) ?? [];
  }

  async roots(): Promise<string[]> {
    return (await this.load()).roots;
  }

  /** The chain from the top of the actor's scope down to `code` (breadcrumb of a drill-down). */
  async path(code: string, top: string | null): Promise<TreeAgency[]> {
    const { byCode } = await this.load();
    const out: TreeAgency[] = [];
    let c: string | null = code;
    while (c && byCode.has(c)) {
      out.unshift(byCode.get(c)!);
      if (c === top) break;
      c = byCode.get(c)!.parentCode;
    }
    return out;
  }
}

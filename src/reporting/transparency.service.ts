import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DossierListings } from '../dossiers/dossier-listings.repository';
import { ReadReplica } from '../database/read-replica';
import type { DataSource } from 'typeorm';
import { SatisfactionService, EMPTY_SATISFACTION, type SatisfactionSummary } from '../satisfaction/satisfaction.service';
import { AgencyTreeService } from './agency-tree.service';
import { addMonths, localToday, monthStart } from './periods';
import { SlaReportService, type FullRow } from './sla-report.service';

export interface OpenDataRow {
  key: string;
  name: string;
  received: number;
  receivedOnline: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
  inProgressOverdue: number;
  ratings: number;
  satisfactionRate: number | null;
}

/**
 * Public transparency (công khai): the last 12 months (from the 1st of the month eleven months ago
 * to today), per agency and per sector, and a service-quality scorecard in the spirit of the
 * national index of service to people and businesses (Bộ chỉ số phục vụ người dân, doanh nghiệp).
 * Cached for five minutes: the page is public and must stay cheap under load.
 */
@Injectable()
export class TransparencyService {
  private cache = new Map<string, { at: number; value: unknown }>();

  constructor(
    /** The read replica when there is one (report reads only). */
    @Inject(ReadReplica) private readonly ds: Pick<DataSource, 'query'>,
    private readonly sla: SlaReportService,
    private readonly tree: AgencyTreeService,
    private readonly satisfaction: SatisfactionService,
    private readonly listings: DossierListings,
    private readonly clock: Clock,
  ) {}

  period(today = localToday(this.clock.now())) {
    return { from: addMonths(monthStart(today), -11), to: today };
  }

  private async cached<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < 300_000) return hit.value as T;
    const value = await fn();
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  private toOpen(r: FullRow, s: SatisfactionSummary | undefined): OpenDataRow {
    const sat = s ?? EMPTY_SATISFACTION;
    return {
      key: r.key,
      name: r.name,
      received: r.receivedOnline + r.receivedCounter,
      receivedOnline: r.receivedOnline,
      resolved: r.resolvedEarly + r.resolvedOnTime + r.resolvedLate,
      resolvedOnTime: r.resolvedEarly + r.resolvedOnTime,
      resolvedLate: r.resolvedLate,
      onTimeRate: r.onTimeRate,
      inProgressOverdue: r.inProgressOverdue,
      ratings: sat.total,
      satisfactionRate: sat.rate,
    };
  }

  /** Open data rows, by agency (every agency with dossiers) or by sector. */
  openData(by: 'agency' | 'sector') {
    return this.cached(`open:${by}`, async () => {
      const { from, to } = this.period();
      const [report, sat] = await Promise.all([
        this.sla.report({ from, to, groupBy: by, agencies: null, root: null }),
        this.satisfaction.summary(null, monthStart(from), monthStart(to), by),
      ]);
      return { from, to, by, rows: report.rows.map((r) => this.toOpen(r, sat.get(r.key))), total: this.toOpen(report.total, undefined) };
    });
  }

  page() {
    return this.cached('page', async () => {
      const { from, to } = this.period();
      const [units, sectors, all, sat, catalog, digitised] = await Promise.all([
        this.sla.report({ from, to, groupBy: 'unit', agencies: null, root: null }),
        this.openData('sector'),
        this.sla.report({ from, to, groupBy: 'level', agencies: null, root: null }),
        this.satisfaction.summary(null, monthStart(from), monthStart(to)),
        this.ds.query(`SELECT count(*)::int AS total,
            count(*) FILTER (WHERE jsonb_array_length(documents) > 0 AND processing_value > 0 AND fee_description <> '' AND legal_basis <> '' AND result <> '')::int AS complete
          FROM procedures WHERE is_current`),
        this.listings.receivedWithDocuments(new Date(`${from}T00:00:00+07:00`), new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86400000)),
      ]);
      const unitSat = await this.satisfaction.summary(null, monthStart(from), monthStart(to), 'agency');
      const t = all.total;
      const received = t.receivedOnline + t.receivedCounter;
      const satTotal = sat.get('TOTAL') ?? EMPTY_SATISFACTION;
      const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : null);
      const scorecard = [
        { id: 'cong-khai', name: 'Công khai, minh bạch', value: ratio(catalog[0].complete, catalog[0].total), basis: `${catalog[0].complete}/${catalog[0].total} thủ tục công bố đủ thành phần hồ sơ, thời hạn, phí, căn cứ pháp lý và kết quả` },
        { id: 'tien-do', name: 'Tiến độ giải quyết', value: t.onTimeRate, basis: `${t.resolvedEarly + t.resolvedOnTime}/${t.resolvedEarly + t.resolvedOnTime + t.resolvedLate} hồ sơ giải quyết trước hạn hoặc đúng hạn` },
        { id: 'truc-tuyen', name: 'Dịch vụ trực tuyến', value: ratio(t.receivedOnline, received), basis: `${t.receivedOnline}/${received} hồ sơ tiếp nhận qua Cổng Dịch vụ công` },
        { id: 'thanh-toan', name: 'Thanh toán trực tuyến', value: ratio(t.extras.paid, t.extras.feeRequired), basis: `${t.extras.paid}/${t.extras.feeRequired} hồ sơ có phí, lệ phí đã thanh toán qua cổng thanh toán` },
        { id: 'so-hoa', name: 'Số hóa hồ sơ', value: ratio(digitised[0].n, received), basis: `${digitised[0].n}/${received} hồ sơ tiếp nhận có thành phần hồ sơ điện tử lưu trong hệ thống` },
        { id: 'hai-long', name: 'Mức độ hài lòng', value: satTotal.rate, basis: `${satTotal.verySatisfied + satTotal.satisfied}/${satTotal.total} đánh giá “Rất hài lòng” hoặc “Hài lòng”` },
      ];
      const known = scorecard.filter((s) => s.value !== null);
      return {
        from,
        to,
        scorecard,
        overall: known.length ? Math.round((known.reduce((s, x) => s + (x.value as number), 0) / known.length) * 10000) / 10000 : null,
        units: units.rows.map((r) => {
          // satisfaction of a unit = all its agencies
          return { ...this.toOpen(r, undefined), key: r.key };
        }),
        unitSat,
        sectors: sectors.rows,
        total: this.toOpen(t, satTotal),
      };
    }).then(async (p) => {
      // satisfaction per displayed unit (sum over the unit's subtree)
      const units = await Promise.all(
        p.units.map(async (u) => {
          const roots = await this.tree.roots();
          const codes = roots.includes(u.key) ? [u.key] : await this.tree.subtree(u.key);
          let vs = 0, s = 0, a = 0, d = 0;
          for (const c of codes) {
            const x = p.unitSat.get(c);
            if (x) { vs += x.verySatisfied; s += x.satisfied; a += x.acceptable; d += x.dissatisfied; }
          }
          const total = vs + s + a + d;
          return { ...u, ratings: total, satisfactionRate: total ? Math.round(((vs + s) / total) * 10000) / 10000 : null };
        }),
      );
      return { ...p, units };
    });
  }
}

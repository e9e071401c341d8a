import ExcelJS from 'exceljs';
import { percentValue, viDate } from '../common/vi-labels';
import type { FullRow, SlaResult } from './sla-report.service';

/** Columns of the one-stop-shop period report (mẫu báo cáo tình hình giải quyết TTHC), in order. */
export const REPORT_COLUMNS: { key: string; label: string; group: string; value: (r: FullRow) => number | string | null }[] = [
  { key: 'totalToResolve', label: 'Tổng số', group: 'Số hồ sơ phải giải quyết', value: (r) => r.carriedOver + r.receivedOnline + r.receivedCounter },
  { key: 'carriedOver', label: 'Kỳ trước chuyển qua', group: 'Số hồ sơ phải giải quyết', value: (r) => r.carriedOver },
  { key: 'receivedOnline', label: 'Tiếp nhận trực tuyến', group: 'Số hồ sơ phải giải quyết', value: (r) => r.receivedOnline },
  { key: 'receivedCounter', label: 'Tiếp nhận trực tiếp', group: 'Số hồ sơ phải giải quyết', value: (r) => r.receivedCounter },
  { key: 'resolved', label: 'Tổng số', group: 'Số hồ sơ đã giải quyết', value: (r) => r.resolvedEarly + r.resolvedOnTime + r.resolvedLate },
  { key: 'resolvedEarly', label: 'Trước hạn', group: 'Số hồ sơ đã giải quyết', value: (r) => r.resolvedEarly },
  { key: 'resolvedOnTime', label: 'Đúng hạn', group: 'Số hồ sơ đã giải quyết', value: (r) => r.resolvedOnTime },
  { key: 'resolvedLate', label: 'Quá hạn', group: 'Số hồ sơ đã giải quyết', value: (r) => r.resolvedLate },
  { key: 'inProgress', label: 'Tổng số', group: 'Số hồ sơ đang giải quyết', value: (r) => r.inProgressWithinDeadline + r.inProgressOverdue },
  { key: 'inProgressWithinDeadline', label: 'Trong hạn', group: 'Số hồ sơ đang giải quyết', value: (r) => r.inProgressWithinDeadline },
  { key: 'inProgressOverdue', label: 'Quá hạn', group: 'Số hồ sơ đang giải quyết', value: (r) => r.inProgressOverdue },
  { key: 'refused', label: 'Từ chối', group: 'Khác', value: (r) => r.refused },
  { key: 'withdrawn', label: 'Rút hồ sơ', group: 'Khác', value: (r) => r.withdrawn },
  { key: 'apologies', label: 'Xin lỗi, hẹn lại', group: 'Khác', value: (r) => r.extras.apologies },
  { key: 'onTimeRate', label: 'Tỷ lệ đúng hạn (%)', group: 'Khác', value: (r) => percentValue(r.onTimeRate) },
];

export const GROUP_LABELS: Record<string, string> = {
  agency: 'Cơ quan',
  procedure: 'Thủ tục',
  level: 'Cấp',
  sector: 'Lĩnh vực',
  unit: 'Đơn vị',
};

/** Name of the total row, in the name column (its code column stays empty). */
export const TOTAL_LABEL = 'Tổng cộng';

export type ReportCell = string | number | null;

/**
 * The report table people read, ONE source for both files: two header rows (column groups, then
 * columns), one row per group, the total. CSV writes these cells as they are; XLSX writes the same
 * cells and merges the header groups. Rates are in percent (75.6), as the "(%)" header says.
 */
export function reportTable(result: SlaResult): { header: ReportCell[][]; body: ReportCell[][] } {
  const groups: ReportCell[] = ['STT', 'Mã', GROUP_LABELS[result.groupBy] ?? 'Nhóm', ...REPORT_COLUMNS.map((c) => c.group)];
  const labels: ReportCell[] = ['STT', 'Mã', GROUP_LABELS[result.groupBy] ?? 'Nhóm', ...REPORT_COLUMNS.map((c) => c.label)];
  const body: ReportCell[][] = result.rows.map((r, idx) => [idx + 1, r.key, r.name, ...REPORT_COLUMNS.map((c) => c.value(r))]);
  body.push(['', '', TOTAL_LABEL, ...REPORT_COLUMNS.map((c) => c.value(result.total))]);
  return { header: [groups, labels], body };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV for people (UTF-8 with BOM so spreadsheet programs read the diacritics): the same Vietnamese
 * headers and the same numbers as the XLSX (reportTable). The JSON API keeps the machine fields.
 */
export function toCsv(result: SlaResult): string {
  const { header, body } = reportTable(result);
  return `\uFEFF${[...header, ...body].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** XLSX in the one-stop-shop layout: title, period, two header rows (groups, columns), rows, total. */
export async function toXlsx(result: SlaResult, title: string, scopeName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const ncol = 3 + REPORT_COLUMNS.length;
  ws.mergeCells(1, 1, 1, ncol);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, ncol);
  ws.getCell(2, 1).value = `${scopeName} — kỳ báo cáo từ ngày ${viDate(result.from)} đến ngày ${viDate(result.to)}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const h1 = 4;
  const h2 = 5;
  const { header, body } = reportTable(result);
  ws.getRow(h1).values = header[0];
  ws.getRow(h2).values = header[1];
  for (const c of [1, 2, 3]) ws.mergeCells(h1, c, h2, c);
  // Column groups: one merged cell over their columns.
  let col = 4;
  while (col <= ncol) {
    let end = col;
    while (end + 1 <= ncol && header[0][end] === header[0][col - 1]) end++;
    if (end > col) ws.mergeCells(h1, col, h1, end);
    col = end + 1;
  }
  for (const r of [h1, h2]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  let rowNo = h2 + 1;
  for (const cells of body.slice(0, -1)) ws.getRow(rowNo++).values = cells;
  const totalRow = ws.getRow(rowNo);
  totalRow.values = body[body.length - 1];
  totalRow.font = { bold: true };
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 44;
  for (let c = 4; c <= ncol; c++) ws.getColumn(c).width = 12;
  for (let r = h1; r <= rowNo; r++) {
    for (let c = 1; c <= ncol; c++) {
      ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }
  }
  ws.getCell(rowNo + 2, 1).value =
    'Cách tính: kỳ trước chuyển qua = tiếp nhận trước ngày đầu kỳ và chưa hoàn thành trước ngày đầu kỳ; đang giải quyết = chưa hoàn thành tại cuối kỳ, quá hạn khi hạn trả < cuối kỳ; tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết.';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

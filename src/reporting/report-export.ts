import ExcelJS from 'exceljs';
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
  { key: 'onTimeRate', label: 'Tỷ lệ đúng hạn (%)', group: 'Khác', value: (r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10) },
];

export const GROUP_LABELS: Record<string, string> = {
  agency: 'Cơ quan',
  procedure: 'Thủ tục',
  level: 'Cấp',
  sector: 'Lĩnh vực',
  unit: 'Đơn vị',
};

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (UTF-8 with BOM so spreadsheet programs read the diacritics); machine keys in the first row. */
export function toCsv(result: SlaResult): string {
  const header = ['key', 'name', 'carriedOver', 'receivedOnline', 'receivedCounter', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
    'inProgressWithinDeadline', 'inProgressOverdue', 'refused', 'withdrawn', 'onTimeRate'];
  const line = (r: FullRow) => header.map((h) => csvCell((r as unknown as Record<string, unknown>)[h])).join(',');
  return `\uFEFF${[header.join(','), ...result.rows.map(line), line(result.total)].join('\r\n')}\r\n`;
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
  ws.getCell(2, 1).value = `${scopeName} — kỳ báo cáo từ ngày ${vn(result.from)} đến ngày ${vn(result.to)}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const h1 = 4;
  const h2 = 5;
  ws.getCell(h1, 1).value = 'STT';
  ws.getCell(h1, 2).value = 'Mã';
  ws.getCell(h1, 3).value = GROUP_LABELS[result.groupBy] ?? 'Nhóm';
  for (const c of [1, 2, 3]) ws.mergeCells(h1, c, h2, c);
  let col = 4;
  let i = 0;
  while (i < REPORT_COLUMNS.length) {
    const g = REPORT_COLUMNS[i].group;
    let j = i;
    while (j < REPORT_COLUMNS.length && REPORT_COLUMNS[j].group === g) j++;
    ws.mergeCells(h1, col, h1, col + (j - i) - 1);
    ws.getCell(h1, col).value = g;
    for (let k = i; k < j; k++) ws.getCell(h2, col + (k - i)).value = REPORT_COLUMNS[k].label;
    col += j - i;
    i = j;
  }
  for (const r of [h1, h2]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  let rowNo = h2 + 1;
  result.rows.forEach((r, idx) => {
    ws.getRow(rowNo++).values = [idx + 1, r.key, r.name, ...REPORT_COLUMNS.map((c) => c.value(r))];
  });
  const totalRow = ws.getRow(rowNo);
  totalRow.values = ['', 'TOTAL', 'Tổng cộng', ...REPORT_COLUMNS.map((c) => c.value(result.total))];
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

function vn(d: string): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

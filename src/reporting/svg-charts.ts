/**
 * Charts drawn on the server as inline SVG (no client script, no CDN). Colours and sizes are SVG
 * presentation attributes (fill, stroke, font-size), never `style` attributes, so the page keeps
 * its strict CSP (style-src 'self'). Every chart has a <title> and <desc> and sits next to a table
 * with the same figures.
 */

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const nf = new Intl.NumberFormat('vi-VN');
export const COLORS = { early: '#1b7f3b', onTime: '#2f6fb3', late: '#c0392b', overdue: '#e67e22', received: '#5b6f86', rate: '#8e44ad', grid: '#d0d7de', text: '#1f2933' };

export interface StackSegment {
  value: number;
  color: string;
  label: string;
}

export interface StackedBar {
  label: string;
  href?: string;
  segments: StackSegment[];
  note?: string;
}

/** Horizontal stacked bars (e.g. resolved early / on time / late per unit), each bar optionally a link. */
export function stackedBars(id: string, title: string, bars: StackedBar[], legend: { color: string; label: string }[]): string {
  const rowH = 26;
  const labelW = 230;
  const barW = 420;
  const noteW = 90;
  const top = 30;
  const width = labelW + barW + noteW;
  const height = top + Math.max(1, bars.length) * rowH + 10;
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)));
  const out: string[] = [];
  // Charts with links are a group of links (role img would hide/nest them: axe "nested-interactive").
  const role = bars.some((b) => b.href) ? 'group' : 'img';
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="${role}" aria-labelledby="${id}-t ${id}-d">`);
  out.push(`<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(bars.map((b) => `${b.label}: ${b.segments.map((s) => `${s.label} ${s.value}`).join(', ')}`).join('; '))}</desc>`);
  let lx = 0;
  for (const l of legend) {
    out.push(`<rect x="${lx}" y="6" width="12" height="12" fill="${l.color}"/><text x="${lx + 16}" y="16" font-size="12" fill="${COLORS.text}">${escapeXml(l.label)}</text>`);
    lx += 24 + l.label.length * 7;
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
    const text = `<text x="${labelW - 8}" y="${y + 16}" font-size="12" text-anchor="end" fill="${b.href ? COLORS.onTime : COLORS.text}">${escapeXml(label)}</text>`;
    out.push(b.href ? `<a href="${escapeXml(b.href)}">${text}</a>` : text);
    let x = labelW;
    for (const s of b.segments) {
      const w = (s.value / max) * barW;
      if (w > 0) out.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${s.color}"><title>${escapeXml(`${b.label} — ${s.label}: ${nf.format(s.value)}`)}</title></rect>`);
      x += w;
    }
    if (b.note) out.push(`<text x="${labelW + barW + 6}" y="${y + 16}" font-size="12" fill="${COLORS.text}">${escapeXml(b.note)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

export interface TrendPoint {
  label: string;
  received: number;
  resolved: number;
  onTimeRate: number | null;
}

/** Monthly trend: bars for received and resolved, a line for the on-time rate (right axis, %). */
export function trendChart(id: string, title: string, points: TrendPoint[]): string {
  const width = 740;
  const height = 260;
  const left = 50;
  const right = 50;
  const top = 30;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...points.map((p) => Math.max(p.received, p.resolved)));
  const slot = plotW / Math.max(1, points.length);
  const bw = Math.max(2, slot / 2 - 3);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d">`);
  out.push(`<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(points.map((p) => `${p.label}: tiếp nhận ${p.received}, giải quyết ${p.resolved}, đúng hạn ${p.onTimeRate === null ? '—' : `${(p.onTimeRate * 100).toFixed(1)}%`}`).join('; '))}</desc>`);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const yy = y(v);
    out.push(`<line x1="${left}" x2="${width - right}" y1="${yy.toFixed(1)}" y2="${yy.toFixed(1)}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    out.push(`<text x="${left - 6}" y="${(yy + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${COLORS.text}">${nf.format(Math.round(v))}</text>`);
    out.push(`<text x="${width - right + 6}" y="${(top + plotH - (plotH * k) / 4 + 4).toFixed(1)}" font-size="11" fill="${COLORS.rate}">${k * 25}%</text>`);
  }
  const line: string[] = [];
  points.forEach((p, i) => {
    const x0 = left + i * slot + 2;
    out.push(`<rect x="${x0.toFixed(1)}" y="${y(p.received).toFixed(1)}" width="${bw.toFixed(1)}" height="${(top + plotH - y(p.received)).toFixed(1)}" fill="${COLORS.received}"><title>${escapeXml(`${p.label}: tiếp nhận ${nf.format(p.received)}`)}</title></rect>`);
    out.push(`<rect x="${(x0 + bw + 2).toFixed(1)}" y="${y(p.resolved).toFixed(1)}" width="${bw.toFixed(1)}" height="${(top + plotH - y(p.resolved)).toFixed(1)}" fill="${COLORS.early}"><title>${escapeXml(`${p.label}: đã giải quyết ${nf.format(p.resolved)}`)}</title></rect>`);
    out.push(`<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${escapeXml(p.label)}</text>`);
    if (p.onTimeRate !== null) line.push(`${(left + i * slot + slot / 2).toFixed(1)},${(top + plotH - p.onTimeRate * plotH).toFixed(1)}`);
  });
  if (line.length) {
    out.push(`<polyline points="${line.join(' ')}" fill="none" stroke="${COLORS.rate}" stroke-width="2"/>`);
    for (const pt of line) {
      const [cx, cy] = pt.split(',');
      out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${COLORS.rate}"/>`);
    }
  }
  const legend = [
    [COLORS.received, 'Tiếp nhận'],
    [COLORS.early, 'Đã giải quyết'],
    [COLORS.rate, 'Tỷ lệ đúng hạn (trục phải)'],
  ];
  let lx = left;
  for (const [c, l] of legend) {
    out.push(`<rect x="${lx}" y="6" width="12" height="12" fill="${c}"/><text x="${lx + 16}" y="16" font-size="12" fill="${COLORS.text}">${escapeXml(l)}</text>`);
    lx += 30 + l.length * 7;
  }
  out.push('</svg>');
  return out.join('');
}

/** A ring gauge for a percentage (KPI tile). */
export function gauge(id: string, title: string, value: number | null): string {
  const r = 34;
  const c = 2 * Math.PI * r;
  const v = value === null ? 0 : Math.max(0, Math.min(1, value));
  const color = value === null ? COLORS.grid : v >= 0.95 ? COLORS.early : v >= 0.85 ? COLORS.overdue : COLORS.late;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="gauge" viewBox="0 0 90 90" width="90" height="90" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${escapeXml(`${title}: ${value === null ? 'chưa có số liệu' : `${(v * 100).toFixed(1)}%`}`)}</title><circle cx="45" cy="45" r="${r}" fill="none" stroke="${COLORS.grid}" stroke-width="10"/><circle cx="45" cy="45" r="${r}" fill="none" stroke="${color}" stroke-width="10" stroke-dasharray="${(v * c).toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 45 45)"/><text x="45" y="50" font-size="15" text-anchor="middle" fill="${COLORS.text}">${value === null ? '—' : `${(v * 100).toFixed(1)}%`}</text></svg>`;
}

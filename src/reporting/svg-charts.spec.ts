import { escapeXml, gauge, stackedBars, trendChart } from './svg-charts';
import { parseRating, summaryOf } from '../satisfaction/satisfaction.service';
import { onTimeRate } from './sla-report.service';

describe('server-side SVG charts', () => {
  it('escapes text and never uses style attributes (CSP style-src self)', () => {
    const svg = stackedBars('x', 'A <b> & "c"', [{ label: 'Xã <Lũng Cú>', href: '/quan-ly?a=1&b=2', segments: [{ value: 3, color: '#000', label: 'Trước hạn' }] }], [{ color: '#000', label: 'Trước hạn' }]);
    expect(svg).toContain('Xã &lt;Lũng Cú&gt;');
    expect(svg).toContain('href="/quan-ly?a=1&amp;b=2"');
    expect(svg).toContain('role="group"');
    for (const s of [svg, trendChart('t', 'Xu hướng', [{ label: '01/2025', received: 10, resolved: 8, onTimeRate: 0.9 }]), gauge('g', 'Đúng hạn', 0.96)]) {
      expect(s).not.toMatch(/\sstyle=/);
      expect(s.startsWith('<svg')).toBe(true);
    }
    expect(escapeXml(`'"&<>`)).toBe('&#39;&quot;&amp;&lt;&gt;');
  });

  it('computes rates as defined (null without data)', () => {
    expect(onTimeRate({ resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0 })).toBeNull();
    expect(onTimeRate({ resolvedEarly: 50, resolvedOnTime: 46, resolvedLate: 4 })).toBe(0.96);
    expect(summaryOf(6, 3, 1, 0).rate).toBe(0.9);
    expect(summaryOf(0, 0, 0, 0).rate).toBeNull();
    expect(parseRating('VERY_SATISFIED')).toBe(4);
    expect(parseRating('2')).toBe(2);
    expect(parseRating(5)).toBeNull();
    expect(parseRating('rất')).toBeNull();
  });
});

import { copyText, eventCopyLine, stageCopyLine } from './dossier-copy';

/** A COPY text timestamp back to an instant ("2026-01-10 01:36:00.5+00" → ms). */
const parse = (s: string) => Date.parse(s.replace(' ', 'T').replace('+00', 'Z'));

describe('COPY lines of the dossier tables', () => {
  it('writes every instant exactly (UTC, milliseconds kept), before and after 1970 and across month ends', () => {
    const instants = [0, -1, -86_400_001, Date.UTC(2026, 1, 28, 23, 59, 59, 9), Date.UTC(2024, 1, 29, 17, 0, 0, 0), Date.UTC(2026, 11, 31, 16, 59, 0, 120)];
    for (let i = 0; i < 2000; i++) instants.push(Date.UTC(2023, 0, 1) + Math.floor(i * 7_654_321.123));
    for (const ms of instants) {
      const line = stageCopyLine('d', { seq: 1, agencyCode: 'A', startedAt: new Date(ms), dueAt: null, completedAt: null, timeliness: null });
      const started = line.split('\t')[3];
      expect([ms, parse(started)]).toEqual([ms, ms]);
    }
  });

  it('escapes text and JSON so that tabs, newlines and backslashes survive, and writes NULL as \\N', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    const line = eventCopyLine('id', {
      at: new Date(0), action: 'refuse', fromStatus: 'SUBMITTED', toStatus: 'REFUSED', actorUserId: null, actorName: 'Cán bộ\tmột cửa', actorRole: 'CLERK',
      agencyCode: 'X', reason: 'Thiếu\ngiấy tờ', stepKey: null, stepDueAt: null, data: { text: 'a\nb "c"' },
    });
    const cols = line.slice(0, -1).split('\t');
    expect(cols).toHaveLength(13);
    expect(cols[6]).toBe('Cán bộ\\tmột cửa');
    expect(cols[9]).toBe('Thiếu\\ngiấy tờ');
    // What PostgreSQL reads back (COPY text unescaping) is the JSON of the facts.
    const unescape = (f: string) => f.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
    expect(JSON.parse(unescape(cols[12]))).toEqual({ text: 'a\nb "c"' });
    expect(unescape(cols[6])).toBe('Cán bộ\tmột cửa');
    expect([cols[3], cols[5], cols[10], cols[11]]).toEqual(['SUBMITTED', '\\N', '\\N', '\\N']);
  });
});

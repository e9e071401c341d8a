import type { EntityManager } from 'typeorm';
import { formatDossierCode, nextDossierCode, parseDossierCode, vnDayKey } from './dossier-code';

describe('vnDayKey (Vietnam time, UTC+7)', () => {
  it.each([
    ['2026-11-22T10:00:00Z', '261122'],
    ['2026-11-22T16:59:59Z', '261122'],
    ['2026-11-22T17:00:00Z', '261123'], // midnight in Hà Giang
    ['2026-11-21T17:00:00Z', '261122'],
    ['2026-12-31T17:30:00Z', '270101'], // new year locally before UTC
    ['2027-02-28T18:00:00Z', '270301'],
    ['2028-02-28T18:00:00Z', '280229'], // leap day
    ['2000-01-01T00:00:00Z', '000101'],
    ['2009-05-09T12:00:00Z', '090509'],
  ])('%s → %s', (iso, day) => {
    expect(vnDayKey(new Date(iso))).toBe(day);
  });
});

describe('formatDossierCode', () => {
  it('pads the sequence to four digits', () => {
    expect(formatDossierCode('026.PTP', '261122', 1)).toBe('026.PTP-261122-0001');
    expect(formatDossierCode('00715.TPHT', '261122', 42)).toBe('00715.TPHT-261122-0042');
    expect(formatDossierCode('02.STP', '261122', 9999)).toBe('02.STP-261122-9999');
  });
  it('widens past 9999 rather than wrapping', () => {
    expect(formatDossierCode('02.STP', '261122', 10000)).toBe('02.STP-261122-10000');
  });
  it('sorts by day then sequence within an agency', () => {
    const codes = [
      formatDossierCode('026.PTP', '261123', 1),
      formatDossierCode('026.PTP', '261122', 12),
      formatDossierCode('026.PTP', '261122', 2),
    ];
    expect([...codes].sort()).toEqual(['026.PTP-261122-0002', '026.PTP-261122-0012', '026.PTP-261123-0001']);
  });
  it.each([0, -1, 1.5, NaN])('refuses sequence %p', (seq) => {
    expect(() => formatDossierCode('026.PTP', '261122', seq)).toThrow(RangeError);
  });
  it.each(['2611', '26112a', ''])('refuses day %p', (day) => {
    expect(() => formatDossierCode('026.PTP', day, 1)).toThrow(RangeError);
  });
  it.each(['', '026 PTP', 'x'.repeat(25), '026-PTP'])('refuses agency code %p', (agency) => {
    expect(() => formatDossierCode(agency, '261122', 1)).toThrow(RangeError);
  });
});

describe('parseDossierCode', () => {
  it('round-trips', () => {
    expect(parseDossierCode('00715.TPHT-261122-0042')).toEqual({ agencyCode: '00715.TPHT', day: '261122', seq: 42 });
    expect(parseDossierCode('02.STP-261122-10000')).toEqual({ agencyCode: '02.STP', day: '261122', seq: 10000 });
  });
  it.each(['', 'abc', '026.PTP-261122-01', '026.PTP-2611-0001', "026.PTP-261122-0001' OR 1=1", '<script>-261122-0001'])(
    'rejects %p',
    (code) => {
      expect(parseDossierCode(code)).toBeNull();
    },
  );
});

describe('nextDossierCode (DossierCodeService.next)', () => {
  function fakeManager() {
    const counters = new Map<string, number>();
    const calls: { sql: string; params: unknown[] }[] = [];
    const manager = {
      query: async (sql: string, params: [string, string]) => {
        calls.push({ sql, params });
        const key = params.join('|');
        const v = (counters.get(key) ?? 0) + 1;
        counters.set(key, v);
        return [{ last_value: v }];
      },
    } as unknown as EntityManager;
    return { manager, calls };
  }

  it('upserts the per-agency, per-day counter in the given transaction', async () => {
    const { manager, calls } = fakeManager();
    const code = await nextDossierCode(manager, '026.PTP', new Date('2026-11-22T03:00:00Z'));
    expect(code).toBe('026.PTP-261122-0001');
    expect(calls[0]!.sql).toMatch(/INSERT INTO dossier_code_sequences[\s\S]*ON CONFLICT \(agency_code, day\) DO UPDATE/);
    expect(calls[0]!.params).toEqual(['026.PTP', '261122']);
  });

  it('counts per agency and per local day', async () => {
    const { manager } = fakeManager();
    const svc = { next: (m: EntityManager, a: string, at: Date) => nextDossierCode(m, a, at) };
    const at = new Date('2026-11-22T03:00:00Z');
    expect(await svc.next(manager, '026.PTP', at)).toBe('026.PTP-261122-0001');
    expect(await svc.next(manager, '026.PTP', at)).toBe('026.PTP-261122-0002');
    expect(await svc.next(manager, '00715.TPHT', at)).toBe('00715.TPHT-261122-0001');
    expect(await svc.next(manager, '026.PTP', new Date('2026-11-22T17:05:00Z'))).toBe('026.PTP-261123-0001');
  });
});

import { bootApp, type TestApp } from '../helpers/app';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, token, type MadeDossier } from './factory';

/** 200 dossiers, each hit by 5 identical "receive" requests at once: one wins, four get 409, nothing doubles. */
describe('concurrent identical actions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { LOG_LEVEL: 'error' } });
    t.app.get(Clock).set(at('2026-11-23 10:00'));
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  it('exactly one event per dossier and 4 × 409 each, verified in SQL', async () => {
    const [citizen] = await citizens(t.ds, 1);
    const dossiers: MadeDossier[] = [];
    for (let i = 0; i < 200; i++) dossiers.push(await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen }));
    const bearer = await token(t, 'clerk.00715.tpht');
    const statuses = new Map<string, number[]>();
    const hit = async (code: string) => {
      const res = await fetch(`${t.baseUrl}/api/v1/dossiers/${code}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ action: 'receive', expectedVersion: 1 }),
      });
      const body = (await res.json()) as { message?: string };
      if (res.status === 409) expect(body.message).toMatch(/cập nhật bởi/);
      return res.status;
    };
    // 20 dossiers at a time → 100 requests in flight.
    for (let i = 0; i < dossiers.length; i += 20) {
      await Promise.all(
        dossiers.slice(i, i + 20).map(async (d) => {
          const codes = await Promise.all([0, 1, 2, 3, 4].map(() => hit(d.code)));
          statuses.set(d.code, codes.sort());
        }),
      );
    }
    for (const d of dossiers) expect(statuses.get(d.code)).toEqual([200, 409, 409, 409, 409]);
    const rows = await t.ds.query(
      `SELECT d.code, d.status, d.version,
              (SELECT count(*)::int FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'receive') AS receives,
              (SELECT count(*)::int FROM dossier_stages s WHERE s.dossier_id = d.id) AS stages,
              (SELECT count(*)::int FROM outbox o WHERE o.aggregate_id = d.code AND o.payload->>'action' = 'receive') AS outbox
         FROM dossiers d WHERE d.id = ANY($1::uuid[])`,
      [dossiers.map((d) => d.id)],
    );
    expect(rows).toHaveLength(200);
    for (const r of rows) expect(r).toMatchObject({ status: 'RECEIVED', version: 2, receives: 1, stages: 1, outbox: 1 });
  });
});

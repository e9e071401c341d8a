import type { DataSource } from 'typeorm';
import { makeDossier, makeProcedure, type Citizen } from '../workflow/factory';

/** A prepaid procedure: 50 000 đ per copy, exemption for poor households. */
export async function feeProcedure(ds: DataSource, code = 'TEST.FEE'): Promise<void> {
  await makeProcedure(ds, {
    code, value: 2, level: 'COMMUNE', receivingLevel: 'COMMUNE', requiresPrepayment: true,
    steps: [
      { key: 'receive', role: 'CLERK', share: 0.2, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'approve', role: 'LEADER', share: 0.2, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
    ],
  });
  await ds.query(
    `UPDATE procedures SET fee_amount = 50000, fee_description = 'Lệ phí cấp bản sao', fee_per_copy = true, fee_exemptions = 'Người thuộc hộ nghèo', requires_prepayment = true WHERE code = $1`,
    [code],
  );
}

export async function feeDossier(ds: DataSource, citizen: Citizen, data: Record<string, unknown> = { copies: 2 }, procedureCode = 'TEST.FEE') {
  const d = await makeDossier(ds, { procedureCode, agencyCode: '00715.TPHT', citizen, feeAmount: 100000, paymentStatus: 'PENDING' });
  await ds.query(`UPDATE dossiers SET data = data || $2::jsonb WHERE id = $1`, [d.id, JSON.stringify(data)]);
  return d;
}

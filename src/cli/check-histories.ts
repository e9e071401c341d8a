/**
 * `npm run check:histories [-- --limit N] [--json] [--examples N]`: replays every dossier's events
 * through the workflow's rules (state machine, effects, step deadlines, working calendar) and
 * reports the dossiers whose stored status, due date, pause, classification, end of processing or
 * stages do not follow, and the events the state machine forbids (src/reporting/histories/).
 * Exit code 1 when anything is found. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { redactUrl, resolveDatabase } from '../database/database-bootstrap';
import { checkHistories } from '../reporting/histories/check-histories';
import { VIOLATION_KINDS, VIOLATION_LABELS } from '../reporting/histories/violations';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

function count(name: string, min: number): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} phải là số nguyên ≥ ${min} / must be an integer ≥ ${min}`);
  return n;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const limit = count('limit', 1);
  const examples = count('examples', 0) ?? 20;
  const say = (m: string) => (json ? process.stderr.write(`${m}\n`) : console.log(m));
  // Reads only: no demo seeding, no worker, no SMTP catcher.
  const config = loadConfig({ ...process.env, DEMO: '0', OUTBOX_WORKER: '0', SMTP_CATCHER: '0' });
  const db = await resolveDatabase(config, say);
  const client = new Client({ connectionString: db.url, application_name: 'motcua-check-histories' });
  try {
    await client.connect();
    say(`Kiểm tra lịch sử hồ sơ trong ${redactUrl(db.url)}…`);
    const { rows } = await client.query(`SELECT to_regclass('dossiers') IS NOT NULL AS ok`);
    if (!rows[0].ok) {
      throw new Error('Cơ sở dữ liệu chưa có bảng hồ sơ (chưa migrate): chạy `npm start` hoặc `npm run migration:run` trước. / The database has no dossier tables (not migrated).');
    }
    const t0 = process.hrtime.bigint();
    let lastLog = 0;
    const r = await checkHistories(client, {
      limit,
      keep: Math.max(examples, json ? 1000 : examples),
      lateReceptionCutoffMinutes: config.lateReceptionCutoffMinutes,
      progress: (n) => {
        if (n - lastLog >= 100_000) {
          lastLog = n;
          say(`… ${n.toLocaleString('vi-VN')} hồ sơ`);
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const total = Object.values(r.byKind).reduce((a, b) => a + b, 0);
    if (json) {
      console.log(JSON.stringify({ checked: r.checked, dossiersWithViolations: r.dossiersWithViolations, violations: total, byKind: r.byKind, dossiersByKind: r.dossiersByKind, forbiddenMoves: r.forbiddenMoves, seconds, examples: r.violations.slice(0, examples) }, null, 2));
    } else {
      console.log(`Đã kiểm tra / checked: ${r.checked.toLocaleString('vi-VN')} hồ sơ trong ${seconds.toFixed(1)} s`);
      console.log(`Hồ sơ vi phạm / dossiers with violations: ${r.dossiersWithViolations.toLocaleString('vi-VN')}; vi phạm / violations: ${total.toLocaleString('vi-VN')}`);
      if (total > 0) console.log('Số vi phạm (số hồ sơ) theo loại / violations (dossiers) by kind:');
      for (const k of VIOLATION_KINDS) {
        if (!r.byKind[k]) continue;
        const n = `${r.byKind[k]} (${r.dossiersByKind[k]} hồ sơ)`;
        console.log(`  ${n.padStart(22)}  ${k.padEnd(17)} ${VIOLATION_LABELS[k].vi} / ${VIOLATION_LABELS[k].en}`);
      }
      const moves = Object.entries(r.forbiddenMoves).sort((a, b) => b[1] - a[1]);
      if (moves.length) console.log('Thao tác không cho phép theo trạng thái / forbidden moves by action ← status:');
      for (const [m, n] of moves) console.log(`  ${String(n).padStart(9)}  ${m}`);
      if (r.violations.length) console.log(`Ví dụ / examples (${Math.min(examples, r.violations.length)}):`);
      for (const v of r.violations.slice(0, examples)) console.log(`  ${v.code} [${v.kind}] ${v.vi}\n      ${v.en}`);
    }
    if (total > 0) process.exitCode = 1;
  } finally {
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});

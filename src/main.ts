import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { redactUrl, resolveDatabase } from './database/database-bootstrap';
import { DemoDataInProductionError } from './ops/demo-data';
import { ProductionDatabaseError } from './database/production-marker';

/** A worker that exits with this code met a refusal or a setting to fix: restarting it would not help. */
const EXIT_FATAL = 78;
/** Set by the primary on the app process that runs the outbox worker and the SMTP catcher. */
const ROLE_VAR = 'MOTCUA_CLUSTER_ROLE';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** One app process: the whole app on PORT (alone, or as one worker of the cluster). */
async function runApp(config: AppConfig) {
  const worker = cluster.isWorker;
  const tag = worker ? `[tiến trình ${process.env[ROLE_VAR] ?? ''} ${process.pid}] ` : '';
  const started = Date.now();
  const db = await resolveDatabase(config, (m) => console.log(m), { takeOver: !worker });
  if (!worker) console.log(`Cơ sở dữ liệu: ${redactUrl(db.url)}${db.embedded ? ' (nhúng)' : ''}`);
  let app;
  try {
    app = await createApp(config, db.url);
  } catch (err) {
    // A refusal (demo data in production, a production database in demo mode) is a message, not a stack.
    const refusal = err instanceof DemoDataInProductionError || err instanceof ProductionDatabaseError;
    console.error(tag + (refusal ? (err as Error).message : String((err as Error)?.stack ?? err)));
    await db.stop().catch(() => undefined);
    process.exit(refusal ? EXIT_FATAL : 1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!worker) console.log(`${signal}: đang dừng…`);
    // Close the app (and its connection pool) before stopping the embedded server. In a cluster the
    // primary stops the server only after every worker has exited.
    await app.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen(config.port);
  } catch (err) {
    // Two instances from one checkout need two ports.
    const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(busy ? `Cổng ${config.port} đang được một tiến trình khác dùng: đặt PORT khác (ví dụ PORT=${config.port + 1} npm start).` : err);
    await app.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(busy ? EXIT_FATAL : 1);
  }
  if (!worker) {
    console.log(`motcua sẵn sàng tại ${config.publicBaseUrl} sau ${((Date.now() - started) / 1000).toFixed(1)} giây${config.demo ? ' (chế độ demo)' : ''}`);
  }
}

/**
 * `npm start` with WEB_CONCURRENCY > 1 (default: one process per core): this primary process starts
 * the embedded database once (when DATABASE_URL is not set) and forks the app processes, which
 * share the port (node:cluster). The first ("lead") migrates and seeds alone, then the others start;
 * only the lead runs the outbox worker and the SMTP catcher. A worker that dies is replaced (after a
 * growing pause if it keeps dying); on SIGINT/SIGTERM the workers close their pools first, then the
 * embedded server stops.
 */
async function runPrimary(config: AppConfig) {
  const started = Date.now();
  const db = await resolveDatabase(config, (m) => console.log(m), { takeOver: true });
  console.log(`Cơ sở dữ liệu: ${redactUrl(db.url)}${db.embedded ? ' (nhúng)' : ''}`);
  const count = config.webConcurrency;
  // Workers connect to the server the primary resolved; demo mode follows the primary's (its default
  // depends on whether DATABASE_URL was set).
  const shared: Record<string, string> = { DATABASE_URL: db.url, DEMO: config.demo ? '1' : '0' };
  const lead: Record<string, string> = { ...shared, [ROLE_VAR]: 'lead' };
  const others: Record<string, string> = { ...shared, [ROLE_VAR]: 'web', OUTBOX_WORKER: '0', SMTP_CATCHER: '0' };
  cluster.setupPrimary({ exec: __filename });

  let stopping = false;
  const roles = new Map<Worker, Record<string, string>>();
  const born = new Map<Worker, number>();
  let crashes = 0;
  const fork = (env: Record<string, string>): Worker => {
    const w = cluster.fork(env);
    roles.set(w, env);
    born.set(w, Date.now());
    return w;
  };
  const listening = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      w.once('listening', () => resolve());
      w.once('exit', (code) => reject(Object.assign(new Error(`worker exited with ${code}`), { code })));
    });

  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: đang dừng ${Object.keys(cluster.workers ?? {}).length} tiến trình…`);
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), 30_000);
            w.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
    // Every pool is closed now: the embedded server may stop.
    await db.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await listening(fork(lead));
    await Promise.all(Array.from({ length: count - 1 }, () => listening(fork(others))));
  } catch (err) {
    console.error(`Không khởi động được tiến trình ứng dụng: ${(err as Error).message}`);
    const code = (err as { code?: number }).code;
    await shutdown('exit', code === EXIT_FATAL ? 1 : code || 1);
    return;
  }
  cluster.on('exit', (w, code, signal) => {
    const env = roles.get(w);
    roles.delete(w);
    const lived = Date.now() - (born.get(w) ?? 0);
    born.delete(w);
    if (stopping || !env) return;
    if (code === EXIT_FATAL) {
      console.error(`Tiến trình ${w.process.pid} dừng vì lỗi cấu hình: dừng cả cụm.`);
      void shutdown('exit', 1);
      return;
    }
    crashes = lived < 10_000 ? crashes + 1 : 0;
    const pause = Math.min(30_000, 500 * 2 ** Math.min(crashes, 6));
    console.error(`Tiến trình ${env[ROLE_VAR]} ${w.process.pid} đã dừng (${signal ?? code}): khởi động lại sau ${pause} ms.`);
    setTimeout(() => {
      if (!stopping) fork(env);
    }, pause);
  });
  console.log(
    `motcua sẵn sàng tại ${config.publicBaseUrl} sau ${((Date.now() - started) / 1000).toFixed(1)} giây: ${count} tiến trình (WEB_CONCURRENCY)${config.demo ? ' (chế độ demo)' : ''}`,
  );
}

async function main() {
  const config = configOrExit();
  if (cluster.isPrimary && config.webConcurrency > 1) await runPrimary(config);
  else await runApp(config);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

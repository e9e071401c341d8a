'use strict';
/**
 * `node scripts/run.cjs [entry] [args…]` — what `npm start` (entry src/main.js) and
 * `npm run demo:purge` (src/ops/demo-purge.js) run: makes sure a build of the current sources exists
 * (compiling only when they changed, see build.cjs), then runs the entry from that build in this
 * same process, so signals (Ctrl+C) reach the app directly.
 */
const path = require('node:path');
const { ensureBuild, markRunning } = require('./build.cjs');

async function main() {
  const [entry = 'src/main.js', ...args] = process.argv.slice(2);
  const t0 = Date.now();
  const build = await ensureBuild({ log: (m) => console.log(m) });
  if (!build.built && build.waitedMs === 0) console.log(`Bản dựng ${build.hash} khớp mã nguồn: không biên dịch lại (${Date.now() - t0} ms).`);
  markRunning(build.dir);
  const file = path.join(build.dir, entry);
  process.argv = [process.argv[0], file, ...args];
  require(file);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

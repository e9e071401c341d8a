// Checks a security log (JSON lines) against src/audit/security-event.schema.json: every line must
// parse and validate. Used by global-teardown.mjs over the whole run's log, and by hand:
//   node test/setup/security-log-check.mjs path/to/security.jsonl
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const here = dirname(fileURLToPath(import.meta.url));
const schemaPath = join(here, '..', '..', 'src', 'audit', 'security-event.schema.json');

/** @returns {{ lines: number, byType: Record<string, number>, problems: string[] }} */
export function checkSecurityLog(file) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  const text = readFileSync(file, 'utf8');
  const problems = [];
  const byType = {};
  if (text.length && !text.endsWith('\n')) problems.push('the file does not end with a newline (a torn last line)');
  const lines = text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
  lines.forEach((line, i) => {
    let event;
    try {
      event = JSON.parse(line);
    } catch (err) {
      problems.push(`line ${i + 1}: not JSON (${err.message}): ${line.slice(0, 200)}`);
      return;
    }
    if (!validate(event)) {
      problems.push(`line ${i + 1}: ${ajv.errorsText(validate.errors)}: ${line.slice(0, 200)}`);
      return;
    }
    byType[event.type] = (byType[event.type] ?? 0) + 1;
  });
  return { lines: lines.length, byType, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file || !existsSync(file)) {
    console.error('usage: node test/setup/security-log-check.mjs <security.jsonl>');
    process.exit(2);
  }
  const r = checkSecurityLog(file);
  console.log(`${r.lines} events, ${r.problems.length} invalid`, r.byType);
  for (const p of r.problems.slice(0, 20)) console.error(p);
  process.exit(r.problems.length ? 1 : 0);
}

/**
 * Loads the generated population into the stub's own schema with COPY (text format): about a
 * hundred thousand citizens a second, a million in well under a minute on a laptop.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AdministrativeUnitInput, Citizen, Household } from './generator/citizen';
import { buildDemoHouseholds } from './generator/demo-citizens';
import { generatePopulation } from './generator/generate';

/** Fixed seed: every installation gets the same synthetic population (tests can rely on it). */
export const POPULATION_SEED = 'motcua-registry-v1';

const CITIZEN_COLS = [
  'personal_id', 'full_name', 'date_of_birth', 'gender', 'ethnicity', 'religion', 'hometown_code', 'hometown',
  'permanent_address', 'permanent_commune_code', 'current_address', 'current_commune_code', 'household_id',
  'relationship_to_head', 'father_personal_id', 'mother_personal_id', 'father_name', 'mother_name', 'marital_status',
];
const HOUSEHOLD_COLS = ['id', 'head_personal_id', 'commune_code', 'address'];

/** COPY text-format field: \N for null, backslash escapes for the characters COPY treats specially. */
function field(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function citizenLine(c: Citizen): string {
  return (
    [
      c.personalId, c.fullName, c.dateOfBirth, c.gender, c.ethnicity, c.religion, c.hometownCode, c.hometown,
      c.permanentAddress, c.permanentCommuneCode, c.currentAddress, c.currentCommuneCode, c.householdId,
      c.relationshipToHead, c.fatherPersonalId, c.motherPersonalId, c.fatherName, c.motherName, c.maritalStatus,
    ]
      .map(field)
      .join('\t') + '\n'
  );
}

function householdLine(h: Household): string {
  return [h.id, h.headPersonalId, h.communeCode, h.address].map(field).join('\t') + '\n';
}

export interface LoadOptions {
  count: number;
  provinceCode: string;
  units: readonly AdministrativeUnitInput[];
  seed?: string;
  log?: (m: string) => void;
}

/** Yields COPY lines in chunks of ~1 MB (fewer, larger writes). */
function* chunks(lines: Iterable<string>): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length > 1_000_000) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * Replaces the registry's content with the demo households plus `count` generated citizens.
 * Runs on the given client (inside the caller's transaction). Households are written to a
 * temporary file-less buffer while citizens stream, so memory stays flat.
 */
export async function loadPopulation(client: PoolClient, opts: LoadOptions): Promise<{ citizens: number; households: number }> {
  const started = Date.now();
  await client.query('TRUNCATE registry.citizens, registry.households');
  const demo = buildDemoHouseholds(opts.units, opts.provinceCode);
  const households: Household[] = [];
  let citizens = 0;
  let householdCount = 0;

  function* citizenLines(): Generator<string> {
    for (const hh of demo) {
      households.push(hh);
      for (const c of hh.members) {
        citizens++;
        yield citizenLine(c);
      }
    }
    for (const hh of generatePopulation({ seed: opts.seed ?? POPULATION_SEED, count: opts.count, provinceCode: opts.provinceCode, units: opts.units })) {
      households.push({ ...hh, members: [] });
      for (const c of hh.members) {
        citizens++;
        yield citizenLine(c);
      }
    }
  }

  // Households are small (4 short fields); they are copied after the citizens.
  await pipeline(Readable.from(chunks(citizenLines())), client.query(copyFrom(`COPY registry.citizens (${CITIZEN_COLS.join(', ')}) FROM STDIN`)) as Writable);
  householdCount = households.length;
  await pipeline(
    Readable.from(chunks(households.map(householdLine))),
    client.query(copyFrom(`COPY registry.households (${HOUSEHOLD_COLS.join(', ')}) FROM STDIN`)) as Writable,
  );
  await client.query('ANALYZE registry.citizens');
  await client.query('ANALYZE registry.households');
  opts.log?.(`Registry: ${citizens} citizens, ${householdCount} households loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { citizens, households: householdCount };
}

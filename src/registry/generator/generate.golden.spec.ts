/**
 * Golden hashes of the generated population. The generator is deterministic and every
 * installation loads the same population from POPULATION_SEED (demo data and tests rely on the
 * people in it), so a refactor must not change a single byte of its output. When a change to the
 * population is intended, say so in the commit and update these hashes with it.
 */
import { createHash } from 'node:crypto';
import type { AdministrativeUnitInput, Household } from './citizen';
import { buildDemoHouseholds } from './demo-citizens';
import { generateCitizens, generatePopulation } from './generate';
import { UNITS } from './ha-giang-units.fixture';
import { POPULATION_SEED } from '../population-loader';

function digest(households: Iterable<Household>): { sha256: string; households: number; citizens: number } {
  const hash = createHash('sha256');
  let count = 0;
  let citizens = 0;
  for (const hh of households) {
    hash.update(JSON.stringify(hh) + '\n');
    count++;
    citizens += hh.members.length;
  }
  return { sha256: hash.digest('hex'), households: count, citizens };
}

describe('generated population — golden hashes', () => {
  it('gives the same first 20,000 citizens (in their households) of Hà Giang from the installation seed', () => {
    expect(digest(generatePopulation({ seed: POPULATION_SEED, count: 20_000, provinceCode: '02', units: UNITS }))).toEqual({
      sha256: '4fabe6c16777cb7a779045923c67ad008505d791a6087d62705f5ab5dd4189b7',
      households: 4_823,
      citizens: 20_000,
    });
  });

  it('gives the same citizens for a number seed, another reference date and a custom ethnic mix', () => {
    const units: AdministrativeUnitInput[] = [
      { code: '08', name: 'Tỉnh Tuyên Quang', level: 'PROVINCE' },
      { code: '070', name: 'Thành phố Tuyên Quang', level: 'DISTRICT', parentCode: '08' },
      { code: '02212', name: 'Phường Phan Thiết', level: 'COMMUNE', parentCode: '070' },
      { code: '02215', name: 'Phường Minh Xuân', level: 'COMMUNE', parentCode: '070' },
      { code: '02218', name: 'Xã Tràng Đà', level: 'COMMUNE', parentCode: '070' },
    ];
    const households = generatePopulation({
      seed: 42,
      count: 5_000,
      provinceCode: '08',
      units,
      referenceDate: '2030-01-01',
      ethnicMix: { Kinh: 50, Tày: 30, Dao: 15, "H'Mông": 5 },
    });
    expect(digest(households)).toMatchObject({ sha256: 'acad8a6bcea45655cb768780016c6a3c81de8ebd83819556a28e33b5e012551b', citizens: 5_000 });
  });

  it('streams the same citizens through generateCitizens as through the households', () => {
    const opts = { seed: POPULATION_SEED, count: 2_000, provinceCode: '02', units: UNITS };
    expect([...generateCitizens(opts)]).toEqual([...generatePopulation(opts)].flatMap((hh) => hh.members));
  });

  it('resolves the demo households to the same records', () => {
    expect(digest(buildDemoHouseholds(UNITS)).sha256).toBe('f7f183287f2f39db9fa14b6517925d7146d0e0899d809a4ddc299490bb8fb42a');
  });
});

/**
 * Ethnic geography: per-commune mixes of the groups that add up to the province mix, with groups
 * clustered by district as they are on the ground (Hà Giang's district affinities) and the Kinh,
 * Tày and Hoa more common in towns.
 */
import type { Geography } from './geography';
import { HA_GIANG_DISTRICT_AFFINITY, type EthnicProfile } from './population-data';
import { Weighted, type Rng } from './random';

export function communeEthnicMixes(
  geo: Geography,
  communeWeights: number[],
  profiles: readonly EthnicProfile[],
  householdTarget: number[],
  rng: Rng,
): Weighted<number>[] {
  const nC = geo.communes.length;
  const nE = profiles.length;
  const affinity = geo.provinceCode2 === '02' ? HA_GIANG_DISTRICT_AFFINITY : {};
  const m: Float64Array[] = [];
  for (let c = 0; c < nC; c++) {
    const row = new Float64Array(nE);
    const info = geo.communes[c];
    const aff = affinity[info.districtCode ?? ''] ?? {};
    for (let e = 0; e < nE; e++) {
      const name = profiles[e].name;
      let w = householdTarget[e] * (aff[name] ?? 1) * Math.exp(0.5 * rng.normal());
      if (info.urban && (name === 'Kinh' || name === 'Tày' || name === 'Hoa')) w *= 3;
      row[e] = w;
    }
    m.push(row);
  }
  // iterative proportional fitting: each commune's row sums to 1, the weighted columns to the target
  const totalW = communeWeights.reduce((a, b) => a + b, 0);
  for (let iter = 0; iter < 200; iter++) {
    for (const row of m) {
      let s = 0;
      for (let e = 0; e < nE; e++) s += row[e];
      for (let e = 0; e < nE; e++) row[e] /= s;
    }
    const col = new Float64Array(nE);
    for (let c = 0; c < nC; c++) for (let e = 0; e < nE; e++) col[e] += (m[c][e] * communeWeights[c]) / totalW;
    for (let e = 0; e < nE; e++) {
      const f = col[e] > 0 ? householdTarget[e] / col[e] : 0;
      for (let c = 0; c < nC; c++) m[c][e] *= f;
    }
  }
  return m.map((row) => new Weighted([...row].map((w, e) => [e, w] as const)));
}

import { DAYS_PER_YEAR } from './days';
import { ABSENT_PARTNER, NAME_ONLY, Planner, type Plan } from './household-plan';
import type { FertilityProfile } from './population-data';
import { Rng } from './random';

const PROFILES: FertilityProfile[] = ['HIGH', 'MEDIUM_HIGH', 'MEDIUM', 'LOW'];

function plans(profile: FertilityProfile, n: number, seed = 1): Plan[] {
  const planner = new Planner(new Rng(seed), 2026);
  return Array.from({ length: n }, () => planner.plan(profile));
}

/** What is wrong with a plan, if anything. */
function problems(plan: Plan): string[] {
  const out: string[] = [];
  const { slots } = plan;
  if (slots.length < 1 || slots.length > 8) out.push(`size ${slots.length}`);
  if (slots[0]?.rel !== 'HEAD' || slots.filter((s) => s.rel === 'HEAD').length !== 1) out.push('not one head, first');
  let referencesAbsent = false;
  slots.forEach((s, i) => {
    if (s.ageDays < 0) out.push(`${i}: unborn`);
    if (s.ageDays < 16 * DAYS_PER_YEAR && s.marital !== 'SINGLE') out.push(`${i}: married child`);
    for (const [parent, gender] of [
      [s.father, 'MALE'],
      [s.mother, 'FEMALE'],
    ] as const) {
      if (parent === ABSENT_PARTNER) referencesAbsent = true;
      if (parent < 0) continue;
      const p = slots[parent];
      if (!p || parent === i) out.push(`${i}: parent ${parent} missing`);
      else if (p.gender !== gender) out.push(`${i}: parent ${parent} gender`);
      else if (p.ageDays - s.ageDays < 16 * DAYS_PER_YEAR) out.push(`${i}: parent ${parent} too young`);
    }
    if (s.surnameFrom === ABSENT_PARTNER) referencesAbsent = true;
    if (s.partnerOf >= 0) {
      const partner = slots[s.partnerOf];
      if (!partner || partner.gender === s.gender) out.push(`${i}: partner ${s.partnerOf}`);
      else if (s.marital !== 'MARRIED' && s.rel !== 'PARENT') out.push(`${i}: unmarried partner`);
    }
  });
  // a widowed head may have no child at home: then the partner is described but not referenced
  if (referencesAbsent && plan.absentPartner === null) out.push('absent partner referenced, not described');
  return out;
}

describe('Planner', () => {
  it.each(PROFILES)('plans sound households for the %s fertility profile', (profile) => {
    const bad = plans(profile, 5_000)
      .map((p, i) => [i, problems(p)] as const)
      .filter(([, p]) => p.length > 0)
      .slice(0, 5);
    expect(bad).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    expect(plans('HIGH', 200, 9)).toEqual(plans('HIGH', 200, 9));
    expect(plans('HIGH', 200, 9)).not.toEqual(plans('HIGH', 200, 10));
  });

  it('makes larger households where fertility is higher', () => {
    const mean = (profile: FertilityProfile): number => plans(profile, 5_000).reduce((a, p) => a + p.slots.length, 0) / 5_000;
    expect(mean('HIGH')).toBeGreaterThan(mean('LOW'));
  });

  it('plans every household type: alone, with a spouse, children, grandchildren, the head’s parents, siblings', () => {
    const rels = new Set(plans('MEDIUM', 5_000).flatMap((p) => p.slots.map((s) => s.rel)));
    expect([...rels].sort()).toEqual(['CHILD', 'CHILD_IN_LAW', 'GRANDCHILD', 'HEAD', 'OTHER', 'PARENT', 'SIBLING', 'SPOUSE']);
    expect(plans('MEDIUM', 2_000).some((p) => p.slots.length === 1)).toBe(true);
    expect(plans('MEDIUM', 2_000).some((p) => p.slots.some((s) => s.father === NAME_ONLY && s.rel === 'HEAD'))).toBe(true);
  });
});

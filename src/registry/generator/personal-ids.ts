/**
 * Personal IDs (số định danh cá nhân) of generated citizens. They follow Circular 59/2021/TT-BCA
 * (see normalize.ts) and are unique by construction: for every prefix (province of birth,
 * gender/century, year) a counter is pushed through a keyed Feistel permutation of
 * [0, GENERATED_SERIAL_LIMIT), so serials look random but never repeat.
 */
import { encodePersonalId, genderCenturyDigit, type Gender } from '../normalize';
import { mix32, type Rng } from './random';

/**
 * Generated citizens take the six-digit serial from [0, GENERATED_SERIAL_LIMIT); serials
 * GENERATED_SERIAL_LIMIT…999999 are reserved for the demo citizens and for numbers the stub issues
 * at run time (birth registrations), so those can never collide with generated ones.
 */
export const GENERATED_SERIAL_LIMIT = 990_000;

/** Children born from 2005 on are sometimes registered where their parents worked (Bắc Ninh, Bắc Giang, Thái Nguyên, Hà Nội, Tuyên Quang). */
const WORK_MIGRATION_BIRTH_PROVINCES = ['027', '024', '019', '001', '008'] as const;

/** A per-prefix keyed permutation of [0, GENERATED_SERIAL_LIMIT): unique serials without a set. */
export class SerialAllocator {
  private readonly next = new Map<number, { n: number; keys: Int32Array }>();

  constructor(private readonly seed: number) {}

  allocate(prefix: number): number {
    let st = this.next.get(prefix);
    if (!st) {
      const keys = new Int32Array(4);
      let h = mix32(this.seed ^ Math.imul(prefix + 1, 0x9e3779b1));
      for (let i = 0; i < 4; i++) {
        h = mix32(h + 0x6d2b79f5);
        keys[i] = h;
      }
      st = { n: 0, keys };
      this.next.set(prefix, st);
    }
    if (st.n >= GENERATED_SERIAL_LIMIT) throw new RangeError(`personal-ID serials exhausted for prefix ${prefix}`);
    const k = st.keys;
    let x = st.n++;
    // cycle-walking 4-round Feistel network over 20 bits
    do {
      let l = x >>> 10;
      let r = x & 1023;
      for (let i = 0; i < 4; i++) {
        const f = mix32(r ^ k[i]) & 1023;
        const t = l ^ f;
        l = r;
        r = t;
      }
      x = (l << 10) | r;
    } while (x >= GENERATED_SERIAL_LIMIT);
    return x;
  }
}

/**
 * A new personal ID for someone born in `birthYear`: registered in the province of residence, or
 * now and then (from 2005 on) where the parents worked.
 */
export function issuePersonalId(rng: Rng, serials: SerialAllocator, provinceCode3: string, gender: Gender, birthYear: number): string {
  const bp = birthYear >= 2005 && rng.chance(0.03) ? rng.pick(WORK_MIGRATION_BIRTH_PROVINCES) : provinceCode3;
  const gc = genderCenturyDigit(gender, birthYear);
  const prefix = Number(bp) * 1000 + gc * 100 + (birthYear % 100);
  return encodePersonalId(bp, gender, birthYear, serials.allocate(prefix));
}

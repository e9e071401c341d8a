/**
 * Full names (surname, middle name, given name) from each ethnic group's name book: older people
 * carry the traditional middle names, younger ones more often the modern ones; clan-exogamous
 * groups never marry within the surname.
 */
import type { Gender } from '../normalize';
import type { EthnicProfile, NameBook } from './population-data';
import { Weighted, type Rng } from './random';

export interface CompiledBook {
  surnames: Weighted<string>;
  maleMiddle: Weighted<string>;
  femaleMiddle: Weighted<string>;
  maleMiddleModern: Weighted<string>;
  femaleMiddleModern: Weighted<string>;
  src: NameBook;
}

export function compileBook(b: NameBook): CompiledBook {
  return {
    surnames: new Weighted(b.surnames),
    maleMiddle: new Weighted(b.maleMiddle),
    femaleMiddle: new Weighted(b.femaleMiddle),
    maleMiddleModern: new Weighted(b.maleMiddleModern),
    femaleMiddleModern: new Weighted(b.femaleMiddleModern),
    src: b,
  };
}

/** What naming needs from the generator's state: its random stream and the groups' name books (by group index). */
export interface NamingContext {
  rng: Rng;
  profiles: readonly EthnicProfile[];
  books: CompiledBook[];
}

export function givenName(ctx: NamingContext, eth: number, gender: Gender, birthYear: number, surname: string): string {
  const rng = ctx.rng;
  const book = ctx.books[eth];
  const kinhLike = ctx.profiles[eth].fertility === 'LOW';
  const modern = rng.chance(Math.max(0, Math.min(0.9, (birthYear - (kinhLike ? 1960 : 1978)) / 40)));
  let middle: string;
  let given: string;
  if (gender === 'MALE') {
    middle = (modern ? book.maleMiddleModern : book.maleMiddle).pick(rng);
    given = rng.pick(modern ? book.src.maleGivenModern : book.src.maleGiven);
  } else {
    middle = (modern ? book.femaleMiddleModern : book.femaleMiddle).pick(rng);
    given = rng.pick(modern ? book.src.femaleGivenModern : book.src.femaleGiven);
  }
  if (given === middle) given = rng.pick(gender === 'MALE' ? book.src.maleGiven : book.src.femaleGiven);
  return `${surname} ${middle} ${given}`;
}

export function freshSurname(ctx: NamingContext, eth: number, avoid?: string): string {
  const book = ctx.books[eth];
  let s = book.surnames.pick(ctx.rng);
  if (avoid !== undefined && s === avoid) {
    // clan-exogamous groups never marry within the surname; elsewhere it is merely less common
    const tries = book.src.exogamousSurnames ? 8 : 1;
    for (let i = 0; i < tries && s === avoid; i++) s = book.surnames.pick(ctx.rng);
  }
  return s;
}

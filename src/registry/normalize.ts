/**
 * Pure identity rules of the population-registry stub: name comparison keys and the
 * 12-digit personal identification number (số định danh cá nhân, Circular 59/2021/TT-BCA).
 *
 * Personal ID layout: PPP G YY RRRRRR
 *   PPP    code of the province (or country) where the birth was registered, zero-padded to 3
 *          ("02" Hà Giang → "002")
 *   G      gender + century: 1900s male 0 / female 1, 2000s 2 / 3, 2100s 4 / 5, 2200s 6 / 7, 2300s 8 / 9
 *   YY     last two digits of the year of birth
 *   RRRRRR six random digits
 *
 * Name comparison is accent-SENSITIVE on purpose: 'Lò Văn Páo' and 'Lo Van Pao' are different
 * people as far as the registry is concerned. What is folded is only what carries no meaning:
 * Unicode composition (NFC vs NFD input), letter case, whitespace runs and invisible characters,
 * apostrophe look-alikes (H'Mông / H’Mông / HʼMông), the Icelandic eth that legacy converters
 * produce instead of 'Đ', and the old/new placement of the tone mark in the open syllables
 * oa / oe / uy ('Hòa' = 'Hoà', 'Thúy' = 'Thuý'), which are one spelling written two ways.
 */

export type Gender = 'MALE' | 'FEMALE';

export interface DecodedPersonalId {
  /** three digits, e.g. "002" */
  provinceCode: string;
  gender: Gender;
  /** ordinal century: 20 for 1900–1999, 21 for 2000–2099, … */
  century: number;
  /** last two digits of the year of birth, e.g. "94" */
  yearOfBirth2: string;
  /** full year of birth implied by century + yearOfBirth2, e.g. 1994 */
  yearOfBirth: number;
  /** the six trailing digits */
  serial: string;
}

const APOSTROPHE_LOOKALIKES = /[\u2018\u2019\u201B\u02BB\u02BC\u2032\u0060\u00B4]/g;
/** zero-width space / non-joiner / joiner, word joiner, soft hyphen (U+FEFF is covered by \s) */
const INVISIBLES = /[\u200B-\u200D\u2060\u00AD]/g;
/** JavaScript's \s covers the Unicode space separators: NBSP, U+2000–U+200A, U+3000, U+FEFF… */
const WHITESPACE_RUN = /\s+/g;
/** Icelandic eth (Ð/ð) and African D (Ɖ) appear in legacy-converted Vietnamese instead of Đ/đ. */
const ETH_LOOKALIKES = /[\u00F0\u0256]/g;
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

/**
 * Old-style ('hòa', 'thủy') vs new-style ('hoà', 'thuỷ') tone placement: only open syllables ending
 * in oa / oe / uy are ambiguous. The key puts the mark on the first vowel. 'quý' is left alone
 * because its 'u' belongs to the initial consonant 'qu'.
 */
function canonicalToneWord(word: string): string {
  const n = word.length;
  if (n < 2) return word;
  const tail = word.slice(n - 2).normalize('NFD');
  let letters = '';
  let tone = '';
  for (const ch of tail) {
    if (TONE_MARKS.includes(ch)) {
      if (tone) return word;
      tone = ch;
    } else if (ch >= '\u0300' && ch <= '\u036F') {
      return word; // circumflex, horn, breve…: not an oa/oe/uy nucleus
    } else {
      letters += ch;
    }
  }
  if (!tone || (letters !== 'oa' && letters !== 'oe' && letters !== 'uy')) return word;
  if (letters === 'uy' && n >= 3 && word[n - 3] === 'q') return word;
  return (word.slice(0, n - 2) + letters[0] + tone + letters[1]).normalize('NFC');
}

/**
 * Comparison key of a person's name: NFC, invisible characters removed, apostrophes unified,
 * trimmed, whitespace runs collapsed to one space, lower-cased (locale-independent), tone-mark
 * placement canonicalised. Diacritics are kept. Not meant for display.
 */
export function normalizeName(s: string): string {
  const collapsed = s
    .normalize('NFC')
    .replace(INVISIBLES, '')
    .replace(APOSTROPHE_LOOKALIKES, "'")
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  if (!collapsed) return '';
  const lower = collapsed.toLowerCase().normalize('NFC').replace(ETH_LOOKALIKES, 'đ');
  return lower.split(' ').map(canonicalToneWord).join(' ');
}

/** True when both names have the same non-empty comparison key. */
export function namesMatch(a: string, b: string): boolean {
  const ka = normalizeName(a);
  return ka !== '' && ka === normalizeName(b);
}

/** Exactly 12 ASCII digits (full-width or other Unicode digits are rejected, nothing is trimmed). */
export function isValidPersonalId(s: unknown): s is string {
  return typeof s === 'string' && /^[0-9]{12}$/.test(s);
}

/** Gender/century digit for a year of birth (1900–2399). */
export function genderCenturyDigit(gender: Gender, yearOfBirth: number): number {
  if (!Number.isInteger(yearOfBirth) || yearOfBirth < 1900 || yearOfBirth > 2399) {
    throw new RangeError(`year of birth out of range: ${yearOfBirth}`);
  }
  return (Math.floor(yearOfBirth / 100) - 19) * 2 + (gender === 'FEMALE' ? 1 : 0);
}

/** "02", "002" or 2 → "002". */
export function toIdProvinceCode(code: string | number): string {
  const s = String(code);
  if (!/^[0-9]{1,3}$/.test(s)) throw new RangeError(`invalid province code: ${s}`);
  return s.padStart(3, '0');
}

/** Builds a personal ID; serial is the 6-digit tail (0–999999). */
export function encodePersonalId(
  birthProvinceCode: string | number,
  gender: Gender,
  yearOfBirth: number,
  serial: number,
): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError(`serial out of range: ${serial}`);
  }
  const yy = yearOfBirth % 100;
  return (
    toIdProvinceCode(birthProvinceCode) +
    genderCenturyDigit(gender, yearOfBirth) +
    (yy < 10 ? '0' : '') +
    yy +
    String(serial).padStart(6, '0')
  );
}

/** Splits a syntactically valid personal ID into its parts; null when not 12 ASCII digits. */
export function decodePersonalId(id: string): DecodedPersonalId | null {
  if (!isValidPersonalId(id)) return null;
  const g = id.charCodeAt(3) - 48;
  const century = 20 + Math.floor(g / 2);
  const yearOfBirth2 = id.slice(4, 6);
  return {
    provinceCode: id.slice(0, 3),
    gender: g % 2 === 0 ? 'MALE' : 'FEMALE',
    century,
    yearOfBirth2,
    yearOfBirth: (century - 1) * 100 + Number(yearOfBirth2),
    serial: id.slice(6),
  };
}

/** A real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/**
 * Does the ID encode this gender and this year of birth (and, when given, this province of
 * birth registration, "02" or "002")?
 */
export function personalIdConsistent(
  id: string,
  dateOfBirth: string,
  gender: Gender,
  birthProvinceCode?: string,
): boolean {
  const decoded = decodePersonalId(id);
  if (!decoded || !isIsoDate(dateOfBirth)) return false;
  if (decoded.gender !== gender) return false;
  if (decoded.yearOfBirth !== Number(dateOfBirth.slice(0, 4))) return false;
  if (birthProvinceCode !== undefined && decoded.provinceCode !== toIdProvinceCode(birthProvinceCode)) {
    return false;
  }
  return true;
}

export interface IdentityClaim {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
}

/**
 * The pure part of verify(personalId, fullName, dateOfBirth): true only when all three agree.
 * Deliberately a bare boolean so that callers cannot reveal which field differed.
 */
export function identityMatches(record: IdentityClaim, claim: IdentityClaim): boolean {
  return (
    isValidPersonalId(claim.personalId) &&
    claim.personalId === record.personalId &&
    isIsoDate(claim.dateOfBirth) &&
    claim.dateOfBirth === record.dateOfBirth &&
    namesMatch(record.fullName, claim.fullName)
  );
}

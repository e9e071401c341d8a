/**
 * User text inside a LIKE/ILIKE pattern: `%` and `_` are wildcards and `\` is PostgreSQL's default
 * escape character, so each is escaped to match itself — a search for "%" finds a literal percent
 * sign, not every row. Use these helpers for every pattern built from input; never concatenate
 * `'%' || $1 || '%'` in SQL.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `… LIKE $n` matching rows that contain `text` literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `… LIKE $n` matching rows that start with `text` literally. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/**
 * Handlebars helpers available in every view.
 *
 * NAMING CONVENTION (issue 13): every helper name has a family prefix and a hyphen —
 *   fmt-*   format a value for people      {{fmt-number n}} {{fmt-percent rate}} {{fmt-date d}} {{fmt-datetime t}} {{fmt-vnd amount}}
 *   vi-*    a code's Vietnamese name       {{vi-status s}} {{vi-gender g}} {{vi-relation r}} {{vi-channel c}} {{vi-action a}} {{vi-agency code}} …
 *   op-*    logic and arithmetic           (op-eq a b) (op-ne a b) (op-or a b) (op-and a b) (op-not a) (op-gt a b) (op-add a b) (op-concat a b)
 *   attr-*  an HTML attribute or nothing   {{attr-selected a b}} {{attr-checked v}}
 * View models are built from TypeScript objects whose keys are identifiers (camelCase), which can
 * never contain a hyphen, so a helper can never shadow a field: `{{number}}` is always the field
 * `number`, `{{fmt-number x}}` always the helper (before, a helper named `number` printed "NaN"
 * in place of the page numbers). view-helpers.spec.ts enforces the convention.
 * The words and formats themselves live in vi-labels.ts — the one place for them.
 */
import type { HelperDelegate } from 'handlebars';
import {
  LABEL_KINDS,
  viAgency,
  viDate,
  viDateTime,
  viLabel,
  viNumber,
  viPercent,
  viRevision,
  viVnd,
  type LabelKind,
} from './vi-labels';

/** A helper's own arguments, without Handlebars' trailing options object. */
const args = (a: unknown[]) => a.slice(0, -1);
/** A missing argument (the helper called bare) arrives as Handlebars' options object: treat it as nothing. */
const arg = (v: unknown) => (v !== null && typeof v === 'object' && 'hash' in (v as object) && 'data' in (v as object) ? undefined : v);

const labelHelpers: Record<string, HelperDelegate> = Object.fromEntries(
  LABEL_KINDS.map((kind: LabelKind) => [`vi-${kind}`, (code: unknown) => viLabel(kind, arg(code))]),
);

export const VIEW_HELPERS: Record<string, HelperDelegate> = {
  'op-eq': (a: unknown, b: unknown) => a === b,
  'op-ne': (a: unknown, b: unknown) => a !== b,
  'op-or': (...a: unknown[]) => args(a).some(Boolean),
  'op-and': (...a: unknown[]) => args(a).every(Boolean),
  'op-not': (a: unknown) => !arg(a),
  'op-gt': (a: number, b: number) => Number(a) > Number(b),
  'op-add': (a: number, b: number) => Number(a) + Number(b),
  'op-concat': (...a: unknown[]) => args(a).join(''),
  'fmt-vnd': (n: unknown) => viVnd(arg(n)),
  'fmt-number': (n: unknown) => viNumber(arg(n)),
  'fmt-integer': (n: unknown) => viNumber(arg(n), 0),
  'fmt-percent': (rate: unknown) => viPercent(arg(rate)),
  'fmt-datetime': (d: unknown) => viDateTime(arg(d)),
  'fmt-date': (d: unknown) => viDate(arg(d)),
  'fmt-revision': (v: unknown) => viRevision(arg(v)),
  'fmt-json': (v: unknown) => JSON.stringify(arg(v)),
  'fmt-lines': (s: unknown) => String(arg(s) ?? '').split('\n').filter((l) => l.trim() !== ''),
  ...labelHelpers,
  'vi-agency': (code: unknown) => viAgency(arg(code)),
  'attr-selected': (a: unknown, b: unknown) => (String(arg(a) ?? '') === String(arg(b) ?? '') ? 'selected' : ''),
  'attr-checked': (a: unknown) => (a === true || a === 'true' || a === 'on' || a === '1' ? 'checked' : ''),
};

/**
 * Helpers registered at start-up because they need the running app: `fmt-asset` gives a file of
 * public/ under its fingerprinted name (web/assets.ts, registered in app.factory.ts).
 */
export const ASSET_HELPER = 'fmt-asset';
export const STARTUP_HELPERS: readonly string[] = [ASSET_HELPER];

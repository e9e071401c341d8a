/** HMAC-SHA256 over a field map, as the payment gateway protocol signs callbacks (both the portal and the gateway stub use it). */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Canonical form signed by merchant and gateway: keys sorted, `k=v` joined by `&`, `signature` excluded. */
export function canonical(fields: Record<string, unknown>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'signature' && k !== '_csrf' && fields[k] !== undefined && fields[k] !== null)
    .sort()
    .map((k) => `${k}=${String(fields[k])}`)
    .join('&');
}

export function sign(fields: Record<string, unknown>, secret: string): string {
  return createHmac('sha256', secret).update(canonical(fields), 'utf8').digest('hex');
}

export function verify(fields: Record<string, unknown>, secret: string): boolean {
  const given = fields.signature;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(sign(fields, secret), 'hex');
  const actual = Buffer.from(given, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

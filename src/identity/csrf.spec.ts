import type { Request } from 'express';
import { canDeferCsrf, csrf, CSRF_AFTER_MULTIPART } from './csrf';

function req(contentType: string | null, headers: Record<string, string> = {}, query: Record<string, string> = {}): Request {
  return {
    headers,
    query,
    body: undefined,
    is: (type: string) => (contentType && contentType.startsWith(type) ? type : false),
  } as unknown as Request;
}

class Parser {
  static readonly [CSRF_AFTER_MULTIPART] = true;
}
class Other {}

describe('CSRF token placement', () => {
  it('never reads a token from the address, only the body or the header', () => {
    const session = { csrfToken: 'abc' };
    const inQuery = Object.assign(req('application/x-www-form-urlencoded', {}, { _csrf: 'abc' }), { session });
    expect(csrf.isRequestValid(inQuery as unknown as Request)).toBe(false);
    const inBody = Object.assign(req('application/x-www-form-urlencoded'), { session, body: { _csrf: 'abc' } });
    expect(csrf.isRequestValid(inBody as unknown as Request)).toBe(true);
    const inHeader = Object.assign(req('application/json', { 'x-csrf-token': 'abc' }), { session });
    expect(csrf.isRequestValid(inHeader as unknown as Request)).toBe(true);
  });
  it('defers the check of a multipart page post only to a parser that checks it', () => {
    expect(canDeferCsrf(req('multipart/form-data; boundary=x'), [Parser])).toBe(true);
    expect(canDeferCsrf(req('multipart/form-data; boundary=x'), [Other])).toBe(false);
    expect(canDeferCsrf(req('multipart/form-data; boundary=x'), undefined)).toBe(false);
    expect(canDeferCsrf(req('application/x-www-form-urlencoded'), [Parser])).toBe(false);
    // a header token is checked at once
    expect(canDeferCsrf(req('multipart/form-data; boundary=x', { 'x-csrf-token': 'nope' }), [Parser])).toBe(false);
  });
});

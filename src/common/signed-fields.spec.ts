import { canonical, sign, verify } from './signed-fields';

describe('HMAC-SHA256 callback signature', () => {
  const secret = 'a-secret-of-sixteen+';
  const body = { txnRef: 'abc', amount: 8000, status: 'SUCCESS', transactionNo: 'GW1' };
  it('is computed over sorted fields', () => {
    expect(canonical({ b: 1, a: 2, signature: 'x' })).toBe('a=2&b=1');
  });
  it('verifies its own signature', () => {
    expect(verify({ ...body, signature: sign(body, secret) }, secret)).toBe(true);
  });
  it('refuses a tampered amount, a wrong secret or garbage', () => {
    const signature = sign(body, secret);
    expect(verify({ ...body, amount: 1, signature }, secret)).toBe(false);
    expect(verify({ ...body, signature }, 'another-secret-16chars')).toBe(false);
    expect(verify({ ...body, signature: 'zz' }, secret)).toBe(false);
    expect(verify(body, secret)).toBe(false);
  });
});
